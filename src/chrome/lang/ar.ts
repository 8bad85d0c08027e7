/** Arabic (and the Urdu agency credit): site furniture and agency credit. */

import { phrases, type LanguageRules } from './types.js';

export const ar: LanguageRules = {
  phrases: [
    ...phrases('navigation', 'الرئيسية', 'شارك', 'مشاركة', 'شارك على فيسبوك', 'طباعة', 'اقرأ المزيد', 'الأكثر قراءة', 'آخر الأخبار', 'تابعونا', 'النشرة البريدية', 'اشترك', 'إعلان'),
    ...phrases('comments', 'التعليقات', 'أضف تعليقا', 'أضف تعليقاً'),
  ],
  patterns: [
    { pattern: /^(?:اقرأ أيضا|اقرأ أيضاً|إقرأ أيضا|شاهد أيضا)\s?[:|-]?\s?\S.{2,199}$/u, reason: 'teaser' },
    { pattern: /^(?:نشر في|نُشر في|تاريخ النشر|آخر تحديث)\s?:?\s?[\d/.\-: ]{6,30}(?:\s?[صم])?$/u, reason: 'metadata' },
    { pattern: /^(?:تابعونا|تابعوا|اشترك|اشتركوا|حمل|حمّل)\s[^.!؟]{0,100}(?:تلغرام|تيليغرام|واتساب|فيسبوك|إنستغرام|تويتر|النشرة|قناة|تطبيق)[^.!؟]{0,60}[.!]?$/u, reason: 'navigation' },
    { pattern: /^(?:الوسوم|كلمات مفتاحية)\s?:\s?.{1,200}$/u, reason: 'metadata' },
    { pattern: /^استمع (?:إلى|الى) (?:المقال|الخبر)(?:\s?\(\d{1,2}\s?\p{L}{1,10}\))?$/u, reason: 'navigation' },
    { pattern: /^(?:تصوير|الصورة)\s?:\s?.{1,120}$/u, reason: 'caption' },
  ],
  creditLines: ['\\(?(?:المصدر\\s?:\\s?)?(?:وكالة )?{A}\\)?\\.?'],
  inText: ['(?:بحسب|وفقا ل|وفقاً ل|حسبما ذكرت|ذكرت|أفادت) ?(?:وكالة )?{A}'],
};
