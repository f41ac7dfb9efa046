// The accounts one emulator serves: the home account (calls signed with any base credentials act
// as it), the other accounts of the fixture reached through their roles, and the temporary
// credentials STS AssumeRole hands out. A call is served from the data of the account its
// signer's access key id belongs to.

import { createHash, randomBytes } from "node:crypto";
import { type Fixture, type FixtureDeniedPair, homeAccountOf } from "./fixture.js";
import { EmulatorState } from "./state.js";
import { PageTokens } from "./tokens.js";
import type { ServiceName } from "./types.js";

/** Who signed a call. */
export interface Caller {
  accountId: string;
  /** `arn:aws:iam::<home>:user/emulator`, or the assumed role's session ARN. */
  arn: string;
  userId: string;
  /** The role whose credentials signed the call; absent for the base credentials. */
  roleArn?: string;
}

interface Role {
  accountId: string;
  externalId?: string;
}

interface Session extends Caller {
  expiresAt: number;
}

/** One account's data, its page tokens and the service/region pairs that refuse it. */
export interface EmulatorAccount {
  state: EmulatorState;
  tokens: PageTokens;
  denied: ReadonlySet<string>;
}

const deniedKey = (service: string, region: string) => `${service} ${region}`;

/** Access key ids as AWS shapes them: AKIA… for users, ASIA… for temporary credentials. */
const keyId = (prefix: string) =>
  `${prefix}${randomBytes(10).toString("hex").toUpperCase().slice(0, 16)}`;

/** Sessions issued at most; the oldest (expired or not) leave first past it. */
const MAX_SESSIONS = 10_000;

export class EmulatorAccounts {
  readonly homeAccountId: string;
  private readonly accounts = new Map<string, EmulatorAccount>();
  private readonly roles = new Map<string, Role>();
  private readonly sessions = new Map<string, Session>();

  constructor(
    fixture: Fixture,
    tokenTtlMs: number | undefined,
    /** Seconds issued credentials live; AssumeRole's DurationSeconds when absent. */
    private readonly sessionSeconds?: number,
    private readonly now: () => number = Date.now,
  ) {
    this.homeAccountId = homeAccountOf(fixture);
    const add = (accountId: string, denied: readonly FixtureDeniedPair[] | undefined) => {
      this.accounts.set(accountId, {
        state: new EmulatorState(fixture, accountId),
        tokens: new PageTokens(tokenTtlMs),
        denied: new Set((denied ?? []).map((pair) => deniedKey(pair.service, pair.region))),
      });
    };
    add(this.homeAccountId, fixture.homeDenied);
    for (const entry of fixture.accounts ?? []) {
      add(entry.accountId, entry.denied);
      for (const role of entry.roles ?? []) {
        this.roles.set(role.arn, { accountId: entry.accountId, externalId: role.externalId });
      }
    }
  }

  /** Every account's data, home first, then in fixture order. */
  states(): EmulatorState[] {
    return [...this.accounts.values()].map((account) => account.state);
  }

  account(accountId: string): EmulatorAccount {
    const account = this.accounts.get(accountId);
    if (!account) throw new Error(`No account ${accountId} in the emulator`);
    return account;
  }

  isDenied(accountId: string, service: ServiceName, region: string): boolean {
    return this.accounts.get(accountId)?.denied.has(deniedKey(service, region)) ?? false;
  }

  /**
   * The caller an access key id stands for: an issued session's role, or (any other key) the
   * home account. `expired` when the key is an issued session past its expiry.
   */
  callerOf(accessKeyId: string | undefined): Caller | "expired" {
    const session = accessKeyId === undefined ? undefined : this.sessions.get(accessKeyId);
    if (session === undefined) {
      return {
        accountId: this.homeAccountId,
        arn: `arn:aws:iam::${this.homeAccountId}:user/emulator`,
        userId: `AIDA${createHash("sha256").update(this.homeAccountId).digest("hex").slice(0, 17).toUpperCase()}`,
      };
    }
    if (session.expiresAt <= this.now()) return "expired";
    const { expiresAt: _expiresAt, ...caller } = session;
    return caller;
  }

  /** The role's account when it exists and the external id is the one it requires. */
  role(roleArn: string): Role | undefined {
    return this.roles.get(roleArn);
  }

  /** Temporary credentials acting as `roleArn`'s account. */
  issue(roleArn: string, sessionName: string, durationSeconds: number) {
    const role = this.roles.get(roleArn);
    if (!role) throw new Error(`No role ${roleArn}`);
    const roleName = roleArn.split("/").at(-1) ?? "";
    const roleId = `AROA${createHash("sha256").update(roleArn).digest("hex").slice(0, 17).toUpperCase()}`;
    const accessKeyId = keyId("ASIA");
    const expiresAt = this.now() + (this.sessionSeconds ?? durationSeconds) * 1000;
    const arn = `arn:aws:sts::${role.accountId}:assumed-role/${roleName}/${sessionName}`;
    const userId = `${roleId}:${sessionName}`;
    if (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    this.sessions.set(accessKeyId, {
      accountId: role.accountId,
      arn,
      userId,
      roleArn,
      expiresAt,
    });
    return {
      AssumedRoleUser: { AssumedRoleId: userId, Arn: arn },
      Credentials: {
        AccessKeyId: accessKeyId,
        SecretAccessKey: randomBytes(30).toString("base64"),
        SessionToken: randomBytes(48).toString("base64"),
        Expiration: new Date(expiresAt).toISOString(),
      },
    };
  }
}
