// Access rules the UI shares: the paragraphs of Schedule 12A, Part 1 in the Act's words (the
// model's ExemptParagraph::description), which kinds of item must be restricted below the
// Private Business heading (the model's must_be_restricted_in_private_section), and how an
// access reads in a list. The store enforces the rule; the UI only asks before it is refused.
import type { Access, ItemKind } from './types';

export const SCHEDULE_12A: readonly (readonly [number, string])[] = [
  [1, 'Information relating to any individual.'],
  [2, 'Information which is likely to reveal the identity of an individual.'],
  [3, 'Information relating to the financial or business affairs of any particular person (including the authority holding that information).'],
  [4, 'Information relating to any consultations or negotiations, or contemplated consultations or negotiations, in connection with any labour relations matter arising between the authority or a Minister of the Crown and employees of, or office holders under, the authority.'],
  [5, 'Information in respect of which a claim to legal professional privilege could be maintained in legal proceedings.'],
  [6, 'Information which reveals that the authority proposes (a) to give under any enactment a notice under or by virtue of which requirements are imposed on a person; or (b) to make an order or direction under any enactment.'],
  [7, 'Information relating to any action taken or to be taken in connection with the prevention, investigation or prosecution of crime.'],
];

/** Whether an item of this kind below the heading must be exempt or confidential. */
export function mustBeRestrictedInPrivate(kind: ItemKind): boolean {
  return kind !== 'urgent-business' && kind !== 'exclusion-resolution' && kind !== 'private-business-heading';
}

/** A problem with an access chosen for the private section, or null. */
export function privateAccessProblem(access: Access): string | null {
  if (access.kind === 'public') return 'An item below Private Business must be exempt or confidential.';
  if (access.kind === 'exempt' && access.paragraphs.length === 0) return 'Choose at least one paragraph of Schedule 12A.';
  return null;
}

/** "Exempt, para 3", "Exempt, paragraph not chosen", "Confidential", or null when open. */
export function accessLabel(access: Access): string | null {
  if (access.kind === 'exempt') return access.paragraphs.length ? `Exempt, para ${access.paragraphs.join(', ')}` : 'Exempt, paragraph not chosen';
  if (access.kind === 'confidential') return 'Confidential';
  return null;
}
