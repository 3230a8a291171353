/**
 * Extra names under which reference organisations are looked up (Vietnam
 * seed data; folded, diacritics-free). Kept apart from the JSON-backed
 * reference builder so server code can import it cheaply.
 */
/** Extra lookup keys (folded) that name an organisation code. */
export const ORGANISATION_ALIASES: Record<string, string[]> = {
  "P-HCM": ["tphcm", "tp hcm", "hcmc", "hcm city", "sai gon", "saigon", "thanh pho ho chi minh"],
  "P-HN": ["hanoi", "tp ha noi", "thanh pho ha noi"],
  "P-DNG": ["danang"],
  "P-HP": ["haiphong"],
  "P-CT": ["cantho"],
  TF: ["ban chi dao", "task force", "bcd"],
  "LM-MIC": ["bo tttt", "bo tt tt"],
  "LM-MPI": ["bo khdt", "bo kh dt"],
  "LM-MONRE": ["bo tnmt"],
  "LM-MARD": ["bo nnptnt", "bo nn ptnt"],
  "LM-MOT": ["bo gtvt"],
  "LM-MOLISA": ["bo ldtbxh"],
  "M-MOST": ["bo khcn"],
  "M-MAE": ["bo nnmt"],
  "M-MPS": ["bo ca"],
  "M-MOC": ["bo xd"],
};
