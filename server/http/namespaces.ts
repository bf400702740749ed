/**
 * Typed handles on the three socket.io namespaces. socket.io types a Server with one pair of
 * event maps, so each namespace is re-typed here, in one place, with its own maps.
 */
import type { Namespace, Server, Socket } from 'socket.io';
import {
  NAMESPACES,
  type AudienceClientToServer,
  type AudienceServerToClient,
  type ConductorClientToServer,
  type ConductorServerToClient,
  type InterServerEvents,
  type ReplayClientToServer,
  type ReplayServerToClient,
} from '../protocol/index.js';

export type NoSocketData = Record<never, never>;

export type AudienceNamespace = Namespace<AudienceClientToServer, AudienceServerToClient, InterServerEvents, NoSocketData>;
export type ConductorNamespace = Namespace<ConductorClientToServer, ConductorServerToClient, InterServerEvents, NoSocketData>;
export type ReplayNamespace = Namespace<ReplayClientToServer, ReplayServerToClient, InterServerEvents, NoSocketData>;

export type AudienceSocket = Socket<AudienceClientToServer, AudienceServerToClient, InterServerEvents, NoSocketData>;
export type ConductorSocket = Socket<ConductorClientToServer, ConductorServerToClient, InterServerEvents, NoSocketData>;
export type ReplaySocket = Socket<ReplayClientToServer, ReplayServerToClient, InterServerEvents, NoSocketData>;

/** The root namespace is unused: its maps are empty, so any emit on it fails to compile. */
export type TuttiServer = Server<Record<never, never>, Record<never, never>, InterServerEvents, NoSocketData>;

export interface TuttiNamespaces {
  readonly audience: AudienceNamespace;
  readonly conductor: ConductorNamespace;
  readonly replay: ReplayNamespace;
}

export function tuttiNamespaces(io: TuttiServer): TuttiNamespaces {
  return {
    audience: io.of(NAMESPACES.audience) as unknown as AudienceNamespace,
    conductor: io.of(NAMESPACES.conductor) as unknown as ConductorNamespace,
    replay: io.of(NAMESPACES.replay) as unknown as ReplayNamespace,
  };
}
