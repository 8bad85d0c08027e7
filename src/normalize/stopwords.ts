/**
 * English function words. They carry no evidence that two sentences share a source, so they
 * are left out of the content-word sets used to link reworded sentences (they stay in the
 * word shingles, where word order makes them informative).
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but nor so yet for of in on at to from by with without about above below over under into onto ' +
    'upon out up down off than then as if while when where which who whom whose what that this these those there ' +
    'here it its it\'s he him his she her hers they them their theirs we us our ours you your yours i me my mine ' +
    'is are was were be been being am do does did done doing have has had having will would shall should can could ' +
    'may might must not no nor only also just very too more most much many such own same other another some any ' +
    'each every all both either neither few several said says say saying told tell according after before during ' +
    'since until because though although despite through across against between among around along near within ' +
    'per via whether again further once ever even still already about s t'
  ).split(' '),
);
