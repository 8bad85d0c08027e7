/** Spanish: site furniture and agency credit as Spanish-language sites write them. */

import { phrases, type LanguageRules } from './types.js';

export const es: LanguageRules = {
  phrases: [
    ...phrases('navigation', 'inicio', 'portada', 'compartir', 'compartir en facebook', 'compartir en x', 'compartir en whatsapp', 'imprimir', 'leer más', 'lo más leído', 'últimas noticias', 'síguenos', 'suscríbete', 'boletín', 'iniciar sesión', 'publicidad'),
    ...phrases('comments', 'comentarios', 'deja un comentario', 'comentar'),
  ],
  patterns: [
    { pattern: /^(?:lea también|lee también|te puede interesar|ver también|también te puede interesar)\s?[:|-]\s?\S.{2,199}$/iu, reason: 'teaser' },
    { pattern: /^(?:publicado|actualizado|modificado)\s(?:el\s)?\d{1,2}(?:[./]\d{1,2}[./]\d{2,4}|\sde\s\p{L}{4,10}(?:\sde)?\s\d{4})(?:\s?[-|,]?\s?(?:a las\s)?\d{1,2}:\d{2}(?:\s?h)?)?$/iu, reason: 'metadata' },
    { pattern: /^(?:síguenos|suscríbete|únete|recibe|descarga|descargue)\s[^.!?]{0,100}(?:boletín|newsletter|telegram|whatsapp|facebook|instagram|twitter|google news|aplicación|canal)[^.!?]{0,60}[.!]?$/iu, reason: 'navigation' },
    { pattern: /^(?:etiquetas|temas|tags)\s?:\s?.{1,200}$/iu, reason: 'metadata' },
    { pattern: /^escuchar (?:este artículo|la noticia)(?:\s?\(\d{1,2}\s?min\))?$/iu, reason: 'navigation' },
  ],
  creditLines: ['\\(?(?:con información de|fuente\\s?:|con|agencia) (?:la agencia )?{A}\\)?\\.?'],
  inText: ['\\b(?:según|informó|de acuerdo con|reportó|indicó) (?:la agencia |la )?{A}(?![\\p{L}-])'],
};
