/**
 * How a citizen ID number is verified. The demo and this deployment check the
 * format only (`formatOnlyVerifier`); production would plug the national
 * electronic identification service (VNeID / the national population
 * database) in through the same interface, so the feedback command does not
 * change. Whatever the verifier, the number itself is never stored: the
 * caller keeps only `citizenKey(number)` (./key.server.ts).
 */
import { todayIso } from "~/utils/today";
import { checkCitizenId, type CitizenIdProblem } from "./validate";

export type VerifyResult =
  { ok: true; id: string } | { ok: false; problem: CitizenIdProblem | "notVerified" };

export interface CitizenIdVerifier {
  verify(input: string, now: Date): Promise<VerifyResult>;
}

export const formatOnlyVerifier: CitizenIdVerifier = {
  async verify(input, now) {
    const check = checkCitizenId(input, Number(todayIso(now.getTime()).slice(0, 4)));
    return check.ok ? { ok: true, id: check.id } : { ok: false, problem: check.problem };
  },
};

/** The verifier the app uses; production replaces it with the national e-ID service adapter. */
export const activeCitizenIdVerifier: CitizenIdVerifier = formatOnlyVerifier;
