/**
 * Secret values the fuzzer plants all contain this, and only sit where compose-gate must treat
 * them as secrets, so any occurrence in masked output is a leak.
 */
export const CANARY = "cnry";
