// The parts of NLP.js (tokenizers and stemmers) and of winkjs's naive Bayes classifier that the
// intent classifier uses; neither ships types.
declare module "@nlpjs/lang-en" {
  export class TokenizerEn {
    tokenize(text: string, normalize?: boolean): string[];
  }
  export class StemmerEn {
    stem(tokens: string[]): string[];
  }
  export class StopwordsEn {
    isStopword(word: string): boolean;
  }
}
declare module "@nlpjs/lang-es" {
  export class TokenizerEs {
    tokenize(text: string, normalize?: boolean): string[];
  }
  export class StemmerEs {
    stem(tokens: string[]): string[];
  }
  export class StopwordsEs {
    isStopword(word: string): boolean;
  }
}
declare module "wink-naive-bayes-text-classifier" {
  interface NaiveBayes {
    defineConfig(config: { considerOnlyPresence?: boolean; smoothingFactor?: number }): boolean;
    definePrepTasks(tasks: Array<(input: string) => string[]>): number;
    learn(input: string, label: string): boolean;
    consolidate(): boolean;
    computeOdds(input: string): Array<[string, number]>;
  }
  export default function winkNaiveBayes(): NaiveBayes;
}
