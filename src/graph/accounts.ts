// `awsAccounts`: the accounts the gateway reads and the regions of each service there, so a
// frontend can offer them as filters for the lists that span accounts and regions.

import type { AwsAccount } from "../aws/accounts.js";
import type { ServiceId } from "../aws/services.js";
import type { GatewayContext } from "../context.js";
import { awsCost } from "../cost/fields.js";
import { builder } from "./builder.js";
import { accountIdOf } from "./partitions.js";

/** The regions where `service` is read in the account when a list names none (see partitions). */
function regionsOf(account: AwsAccount, service: ServiceId, context: GatewayContext): string[] {
  const { regions } = context.clients;
  return account.regions
    ? regions.expand(service, account.regions)
    : [...regions.regionsOf(service)];
}

const AwsAccountType = builder.objectRef<AwsAccount>("AwsAccount").implement({
  description:
    "An AWS account the gateway reads (AWS_ACCOUNTS), with the regions it may read there.",
  fields: (t) => ({
    name: t.exposeString("name", {
      description: "The name lists take in `accounts` (`home`: the gateway's own account).",
    }),
    id: t.string({
      nullable: true,
      description:
        "The 12-digit account id; for the home account, as STS GetCallerIdentity tells (null while it cannot be reached).",
      resolve: (account, _args, context) => accountIdOf(account.name, context),
    }),
    imageBuilderRegions: t.stringList({
      description:
        'Regions `imagePipelines(regions: ["*"])` reads in this account: its configured regions (AWS_ACCOUNTS) where EC2 Image Builder exists, within AWS_REGIONS.',
      resolve: (account, _args, context) => regionsOf(account, "imagebuilder", context),
    }),
    healthImagingRegions: t.stringList({
      description: 'Regions `datastores(regions: ["*"])` reads in this account.',
      resolve: (account, _args, context) => regionsOf(account, "medical-imaging", context),
    }),
    appStreamRegions: t.stringList({
      description: 'Regions `appStreamImages(regions: ["*"])` reads in this account.',
      resolve: (account, _args, context) => regionsOf(account, "appstream", context),
    }),
  }),
});

builder.queryFields((t) => ({
  awsAccounts: t.field({
    type: [AwsAccountType],
    extensions: awsCost.free(),
    description:
      "The AWS accounts the gateway reads, in configuration order: the order lists spanning accounts use.",
    resolve: (_root, _args, context) => [...context.clients.accounts.list],
  }),
}));
