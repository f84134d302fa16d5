import type { Checker } from './check.js';
import type { Fixture } from './fixture.js';

/**
 * Runs one fixture file through posekit and records every comparison in `check`.
 * Tolerances come from the fixture's own `tolerance` field where it has one, else from the fixtures README.
 */
export type Handler = (fixture: Fixture, check: Checker) => void;
