/** A seeded PRNG (the estimator's mulberry32) so benchmark runs are repeatable. */
export { seededRandom as seeded } from '../hub/src/domain/wait-estimate.ts';
