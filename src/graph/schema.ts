// Each service module registers its types and root fields on the shared builder when imported.
import "../image-builder/types.js";
import "../medical-imaging/types.js";
import "../appstream/types.js";
import "./nodes.js";
import { lexicographicSortSchema } from "graphql";
import { builder } from "./builder.js";

export const schema = lexicographicSortSchema(builder.toSchema());
