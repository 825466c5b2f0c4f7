import { StemmerEn, StopwordsEn, TokenizerEn } from "@nlpjs/lang-en";
import { StemmerEs, StopwordsEs, TokenizerEs } from "@nlpjs/lang-es";
import winkNaiveBayes from "wink-naive-bayes-text-classifier";
import type { Language } from "./language";

/** Examples per intent: what a maintainer edits to teach a new phrasing. */
export type Corpus = Record<string, string[]>;

export interface IntentScore {
  intent: string;
  /** How likely the text is to be this intent rather than any other (0 to 1). */
  score: number;
}

type Model = ReturnType<typeof winkNaiveBayes>;

/** Words that change what a sentence means however common they are ("no heat", "never came", "can't get in"). */
const KEEP = new Set([
  "no",
  "not",
  "never",
  "nothing",
  "nobody",
  "without",
  "out",
  "off",
  "up",
  "in",
  "on",
  "can",
  "cannot",
  "t",
  "sin",
  "nunca",
  "nada",
  "nadie",
]);

/** Words as the classifier sees them: NLP.js's tokenizer and stemmer for the language, and its stop words left out if asked. */
function wordsOf(language: Language, dropStopwords: boolean): (text: string) => string[] {
  const [tokenizer, stopwords, stemmer] =
    language === "es" ? [new TokenizerEs(), new StopwordsEs(), new StemmerEs()] : [new TokenizerEn(), new StopwordsEn(), new StemmerEn()];
  const keep = (w: string) => !dropStopwords || KEEP.has(w) || !stopwords.isStopword(w);
  return (text) => stemmer.stem(tokenizer.tokenize(text.toLowerCase(), true).filter(keep));
}

export interface TrainingOptions {
  /**
   * Leave out common words ("the", "at", "is"). Good where a few telling words decide among many
   * everyday sentences (the triage); where whole sentences are compared (mail topics), keep them.
   */
  dropStopwords?: boolean;
}

/**
 * An intent classifier trained from example corpora, one per language: words stemmed by NLP.js
 * and weighed by a naive Bayes classifier (winkjs), each intent against all the others. A text
 * made only of words no example has gets no intent at all. Training takes a few milliseconds,
 * classifying a sentence a fraction of one.
 */
export class IntentClassifier {
  private constructor(private readonly models: Partial<Record<Language, Model>>) {}

  static async train(corpora: Partial<Record<Language, Corpus>>, options: TrainingOptions = {}): Promise<IntentClassifier> {
    const models: Partial<Record<Language, Model>> = {};
    for (const [language, corpus] of Object.entries(corpora) as Array<[Language, Corpus]>) {
      const model = winkNaiveBayes();
      model.defineConfig({ considerOnlyPresence: true, smoothingFactor: 0.5 });
      model.definePrepTasks([wordsOf(language, options.dropStopwords ?? false)]);
      for (const [intent, examples] of Object.entries(corpus)) for (const example of examples) model.learn(example, intent);
      model.consolidate();
      models[language] = model;
    }
    return new IntentClassifier(models);
  }

  /** Every intent with how likely it is, best first; nothing for a text with no known word. */
  async classify(text: string, language: Language): Promise<IntentScore[]> {
    const model = this.models[language] ?? Object.values(this.models)[0];
    if (!model) return [];
    const odds = model.computeOdds(text);
    if (odds[0]?.[0] === "unknown") return [];
    // The odds are log2(P(intent | text) / P(any other | text)).
    return odds.map(([intent, log2Odds]) => ({ intent, score: 1 / (1 + 2 ** -log2Odds) }));
  }
}
