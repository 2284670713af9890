import { EntityLink } from '../EntityLink';

const ENTITY_REF = /^[^:/\s]+:([^:/\s]+\/)?[^:/\s]+$/;

/** Who did something: a link to the user entity, or plain text for system actors. */
export function ActorLink(props: { actor: string }) {
  const { actor } = props;
  if (ENTITY_REF.test(actor)) {
    return <EntityLink entityRef={actor} defaultKind="user" />;
  }
  return <span>{actor || 'unknown'}</span>;
}
