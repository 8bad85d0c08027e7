/** Portuguese: site furniture and agency credit as Portuguese-language sites write them. */

import { phrases, type LanguageRules } from './types.js';

export const pt: LanguageRules = {
  phrases: [
    ...phrases('navigation', 'início', 'página inicial', 'compartilhar', 'partilhar', 'compartilhar no facebook', 'compartilhar no whatsapp', 'imprimir', 'leia mais', 'mais lidas', 'últimas notícias', 'siga-nos', 'assine', 'newsletter', 'entrar', 'publicidade'),
    ...phrases('comments', 'comentários', 'deixe um comentário', 'comentar'),
  ],
  patterns: [
    { pattern: /^(?:leia também|leia mais|veja também|saiba mais)\s?[:|-]\s?\S.{2,199}$/iu, reason: 'teaser' },
    { pattern: /^(?:publicado|atualizado)\s(?:em\s)?\d{1,2}(?:[./]\d{1,2}[./]\d{2,4}|\sde\s\p{L}{4,10}\sde\s\d{4})(?:\s?[-|,]?\s?(?:às\s)?\d{1,2}\s?[h:]\s?\d{2})?$/iu, reason: 'metadata' },
    { pattern: /^(?:siga-nos|siga o|assine|inscreva-se|receba|baixe)\s[^.!?]{0,100}(?:newsletter|telegram|whatsapp|facebook|instagram|twitter|google news|aplicativo|canal)[^.!?]{0,60}[.!]?$/iu, reason: 'navigation' },
    { pattern: /^(?:tags|palavras-chave|temas)\s?:\s?.{1,200}$/iu, reason: 'metadata' },
    { pattern: /^ouvir (?:este artigo|a notícia)(?:\s?\(\d{1,2}\s?min\))?$/iu, reason: 'navigation' },
  ],
  creditLines: ['\\(?(?:com informações d[ae]|fonte\\s?:|com) (?:a |o )?{A}\\)?\\.?', '\\(?com agências\\)?\\.?'],
  inText: ['\\b(?:segundo|informou|de acordo com|noticiou) (?:a agência |a |o )?{A}(?![\\p{L}-])'],
};
