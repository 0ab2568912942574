// Stands in for `@actions/http-client` inside the Action bundle only (scripts/bundle.mjs aliases it).
// @actions/core imports it for OIDC tokens (core.getIDToken), which handoff never asks for; the real
// client pulls in undici, half a megabyte. Anything that does reach it fails loudly instead of quietly.
export class HttpClient {
  constructor() {
    throw new Error("@actions/http-client is not bundled with handoff: OIDC tokens are not supported");
  }
}

export class BearerCredentialHandler {
  constructor() {
    throw new Error("@actions/http-client is not bundled with handoff: OIDC tokens are not supported");
  }
}
