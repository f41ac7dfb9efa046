import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // Pothos loads graphql as CommonJS; Vite would hand our own imports the ESM build, and graphql
    // refuses types from "another realm". One copy for everyone.
    alias: { graphql: "graphql/index.js" },
  },
  test: {
    include: ["test/**/*.test.ts"],
    // Integration tests each start their own emulator and gateway on ephemeral ports.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: {
      AWS_EC2_METADATA_DISABLED: "true",
      // The SDK's notice that Node 20 support ends in 2027 would repeat in every test worker.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    },
  },
});
