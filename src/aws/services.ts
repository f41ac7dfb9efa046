/** The AWS services behind the gateway, by the id the SDK signs with. */
export type ServiceId = "imagebuilder" | "medical-imaging" | "appstream";

/** How people call each service, for error messages. */
export const SERVICE_NAMES: Record<ServiceId, string> = {
  imagebuilder: "EC2 Image Builder",
  "medical-imaging": "AWS HealthImaging",
  appstream: "Amazon AppStream 2.0",
};

/** One AWS call: which operation, of which service, in which region. */
export interface AwsCallDescription {
  service: ServiceId;
  operation: string;
  region: string;
  /** The AWS account the call acts in; absent, the gateway's own (home) credentials. */
  account?: string;
}

/**
 * A call the gateway makes for itself, not for a request: STS, for the accounts' credentials.
 * Its service is not a ServiceId, so no request can name it.
 */
export interface CredentialCallDescription extends Omit<AwsCallDescription, "service"> {
  service: "sts";
}
