import { type Corpus, IntentClassifier, type TrainingOptions } from "./intent-classifier";
import type { Language } from "./language";

/** Corpora per language, by name: what the classifiers of the application learn from. */
export type Corpora = Record<string, Record<Language, Corpus>>;

const trained = new Map<string, Promise<IntentClassifier>>();

/**
 * The classifier of a named corpus, trained the first time it is asked for. A corpus is data
 * that ships with the code, so one trained classifier serves every app the process builds.
 */
export function trainedClassifier(name: string, corpora: Record<Language, Corpus>, options: TrainingOptions = {}): Promise<IntentClassifier> {
  let c = trained.get(name);
  if (!c) {
    c = IntentClassifier.train(corpora, options);
    trained.set(name, c);
  }
  return c;
}
