import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Per-request Content-Security-Policy nonce (server/index.ts). */
    cspNonce?: string;
    /** The client's IP address, for throttling and the audit trail. */
    clientIp?: string;
  }
}

export {};
