// The type families of /feedback/create (§1): which refs each feedback_type needs or forbids,
// and what they must point at. First matching family wins, as in Weave.
import { invalidRequest } from '../errors.js';
import { parseWeaveRef, type WeaveRef } from './refs.js';

export const ANNOTATION_PREFIX = 'wandb.annotation';
export const RUNNABLE_PREFIX = 'wandb.runnable';
export const AGENT_MONITOR_TYPE = 'wandb.agent_monitor';
export const AGENT_USER_FEEDBACK_TYPE = 'wandb.agent_user_feedback';

/** The four ref columns, with `''` already turned into `null` (an empty ref is no ref). */
export interface FeedbackRefs {
  annotation_ref: string | null;
  runnable_ref: string | null;
  call_ref: string | null;
  trigger_ref: string | null;
}

type RefField = keyof FeedbackRefs;

interface RefShape {
  kinds: readonly string[];
  digest: 'required' | 'optional' | 'forbidden';
}

const OBJECT_WITH_DIGEST: RefShape = { kinds: ['object'], digest: 'required' };
const RUNNABLE_WITH_DIGEST: RefShape = { kinds: ['op', 'object'], digest: 'required' };
const RUNNABLE_ANY: RefShape = { kinds: ['op', 'object'], digest: 'optional' };
const CALL: RefShape = { kinds: ['call'], digest: 'forbidden' };
const TRIGGER: RefShape = { kinds: ['object'], digest: 'optional' };

function shapeText(field: RefField, shape: RefShape): string {
  const kind = shape.kinds.join('|');
  const last = shape.kinds.includes('call') ? '<id>' : shape.digest === 'required' ? '<name>:<digest>' : '<name>[:<digest>]';
  return `${field} must look like weave:///<entity>/<project>/${kind}/${last}`;
}

/** Parses a present ref and checks its kind, digest and that nothing follows the name. */
function checkRef(field: RefField, value: string, shape: RefShape): WeaveRef {
  const ref = parseWeaveRef(value);
  const hasDigest = ref?.digest !== undefined;
  const digestOk = shape.digest === 'optional' || (shape.digest === 'required' ? hasDigest : !hasDigest);
  if (ref === null || !shape.kinds.includes(ref.kind) || ref.rest.length > 0 || !digestOk) {
    throw invalidRequest(`${shapeText(field, shape)}; got ${JSON.stringify(value)}.`);
  }
  return ref;
}

function requireRef(refs: FeedbackRefs, field: RefField, shape: RefShape, family: string): WeaveRef {
  const value = refs[field];
  if (value === null) throw invalidRequest(`${field} is required for ${family} feedback.`);
  return checkRef(field, value, shape);
}

function checkOptionalRef(refs: FeedbackRefs, field: RefField, shape: RefShape): void {
  const value = refs[field];
  if (value !== null) checkRef(field, value, shape);
}

/** `<name>` of `<prefix>.<name>`, or a 400 when the type starts with the prefix but has no name. */
function familyName(feedbackType: string, prefix: string): string {
  const name = feedbackType.startsWith(`${prefix}.`) ? feedbackType.slice(prefix.length + 1) : '';
  if (name === '') {
    throw invalidRequest(
      `feedback_type ${JSON.stringify(feedbackType)} is not a valid ${prefix} type: use ${prefix}.<name> with a non-empty <name>.`,
    );
  }
  return name;
}

function requirePayloadKey(payload: Record<string, unknown>, key: string, feedbackType: string): void {
  if (!Object.hasOwn(payload, key)) throw invalidRequest(`payload must have the key '${key}' for feedback_type ${feedbackType}.`);
}

export function isRunnableType(feedbackType: string): boolean {
  return feedbackType.startsWith(RUNNABLE_PREFIX);
}

/**
 * Applies the type-family rules, first match wins:
 * 1. `wandb.annotation…`: a named type; `annotation_ref` an object ref with digest in the same
 *    project, named like the type; payload key `value`.
 * 2. any other type with `annotation_ref` → refused.
 * 3. `wandb.runnable…`: a named type; `runnable_ref` an op/object ref with digest named like the
 *    type; `call_ref` required for an op ref; payload key `output`.
 * 4. exactly `wandb.agent_monitor`: `runnable_ref`, `call_ref`, `trigger_ref` required.
 * 5. any other type with `runnable_ref`, `call_ref` or `trigger_ref` → refused.
 * Refs that a family allows but does not require are checked when present: `call_ref` is a call
 * ref, `trigger_ref` an object ref (digest optional), none with a path after the name/id.
 */
export function checkTypeFamily(
  projectId: string,
  feedbackType: string,
  refs: FeedbackRefs,
  payload: Record<string, unknown>,
): void {
  if (feedbackType.startsWith(ANNOTATION_PREFIX)) {
    const name = familyName(feedbackType, ANNOTATION_PREFIX);
    const ref = requireRef(refs, 'annotation_ref', OBJECT_WITH_DIGEST, 'annotation');
    if (`${ref.entity}/${ref.project}` !== projectId) {
      throw invalidRequest(`annotation_ref must be in the project ${projectId}; it points to ${ref.entity}/${ref.project}.`);
    }
    if (ref.name !== name) throw invalidRequest(`annotation_ref must point to an object named ${JSON.stringify(name)}, like the feedback_type.`);
    requirePayloadKey(payload, 'value', feedbackType);
    checkOptionalRef(refs, 'call_ref', CALL);
    checkOptionalRef(refs, 'trigger_ref', TRIGGER);
    checkOptionalRef(refs, 'runnable_ref', RUNNABLE_ANY);
    return;
  }
  if (refs.annotation_ref !== null) {
    throw invalidRequest(`annotation_ref is only allowed on ${ANNOTATION_PREFIX}.<name> feedback.`);
  }
  if (isRunnableType(feedbackType)) {
    const name = familyName(feedbackType, RUNNABLE_PREFIX);
    const ref = requireRef(refs, 'runnable_ref', RUNNABLE_WITH_DIGEST, 'runnable');
    if (ref.name !== name) throw invalidRequest(`runnable_ref must point to an op or object named ${JSON.stringify(name)}, like the feedback_type.`);
    if (ref.kind === 'op' && refs.call_ref === null) throw invalidRequest('call_ref is required for runnable feedback on an op.');
    checkOptionalRef(refs, 'call_ref', CALL);
    checkOptionalRef(refs, 'trigger_ref', TRIGGER);
    requirePayloadKey(payload, 'output', feedbackType);
    return;
  }
  if (feedbackType === AGENT_MONITOR_TYPE) {
    requireRef(refs, 'runnable_ref', RUNNABLE_ANY, 'agent monitor');
    requireRef(refs, 'call_ref', CALL, 'agent monitor');
    requireRef(refs, 'trigger_ref', TRIGGER, 'agent monitor');
    return;
  }
  for (const field of ['runnable_ref', 'call_ref', 'trigger_ref'] as const) {
    if (refs[field] !== null) {
      throw invalidRequest(`${field} is only allowed on ${RUNNABLE_PREFIX}.<name> and ${AGENT_MONITOR_TYPE} feedback.`);
    }
  }
}
