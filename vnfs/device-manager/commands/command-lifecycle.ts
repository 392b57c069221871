import type { Json } from "../../runtime-kit/bus/message-bus.js";
import {
  VersionConflictError,
  type Collection,
  type Versioned,
} from "../../runtime-kit/store/document-store.js";
import type { CommandRecord, CommandRecordState, StatusChange } from "../records/command-records.js";

/**
 * The command state machine (docs/design/device-manager.md "Command states"):
 *
 *   pending -> delivered -> executed | failed | expired       pending -> cancelled (job cancelled)
 *
 * A state only moves forward: a report is applied when its rank is higher than the current
 * one, so a repeated report (at-least-once bus) is a no-op and a late `delivered` after
 * `executed` (reordering across queues) is ignored. The first final state wins.
 */
const RANK: Record<CommandRecordState, number> = {
  pending: 0,
  delivered: 1,
  executed: 2,
  failed: 2,
  expired: 2,
  cancelled: 2,
};

export const FINAL_STATES: CommandRecordState[] = ["executed", "failed", "expired", "cancelled"];

export function isFinal(state: CommandRecordState): boolean {
  return RANK[state] === 2;
}

export function canMove(from: CommandRecordState, to: CommandRecordState): boolean {
  return RANK[to] > RANK[from];
}

export interface Transition {
  to: CommandRecordState;
  at: string;
  statusCode?: string;
  detail?: string;
  result?: Json;
}

export type TransitionOutcome = "applied" | "stale" | "missing";

/**
 * Applies a transition with optimistic concurrency: on a version conflict (another instance, the
 * sweeper) the record is re-read and the rule re-checked, so concurrent writers converge.
 * `accept` may refuse the record (e.g. a status naming another tenant or device).
 */
export async function applyTransition(
  commands: Collection<CommandRecord>,
  commandId: string,
  transition: Transition,
  accept: (record: Versioned<CommandRecord>) => boolean = () => true,
): Promise<TransitionOutcome> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const record = await commands.get(commandId);
    if (!record || !accept(record)) return "missing";
    if (!canMove(record.state, transition.to)) return "stale";
    const change: StatusChange = { state: transition.to, at: transition.at };
    if (transition.statusCode !== undefined) change.statusCode = transition.statusCode;
    if (transition.detail !== undefined) change.detail = transition.detail;
    const changes: Partial<CommandRecord> = {
      state: transition.to,
      history: [...record.history, change],
      updatedAt: new Date().toISOString(),
    };
    if (transition.result !== undefined) changes.result = transition.result;
    try {
      await commands.update(commandId, changes, { expectedVersion: record.version });
      return "applied";
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
    }
  }
  throw new Error(`command ${commandId}: too many concurrent updates; the status will be redelivered`);
}
