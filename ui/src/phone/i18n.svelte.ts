// The phone page's own small dictionary, English and Finnish. It follows the phone's language
// until the person switches; the choice is remembered on this phone.
import { templateParts, type Part } from '../lib/i18n/parts';
import { isolate } from '../lib/text';

const en = {
  app_name: 'Fiilis',
  join_title: 'Join the workshop',
  join_intro: 'Take part from your phone: write ideas, vote and tell how each step feels.',
  room_code: 'Room code',
  room_code_hint: '6 letters, shown on the screen',
  name: 'Your name',
  name_hint: 'or stay anonymous',
  role: 'I am here as',
  role_customer: 'Customer',
  role_employee: 'Employee',
  role_stakeholder: 'Stakeholder',
  join: 'Join',
  joining: 'Joining…',
  tab_notes: 'Ideas',
  tab_vote: 'Vote',
  tab_feel: 'Feelings',
  note_label: 'Your idea',
  note_placeholder: 'Write one idea per note',
  colour: 'Colour',
  add_note: 'Add note',
  add_photo: 'Take or choose a photo',
  add_photo_hint: 'Photograph paper notes or a flip chart: it lands on the board.',
  photo_note: 'Photo',
  refused_photo: 'That photo could not be read: try another one.',
  chars_left: '{n} characters left',
  too_long: '{n} characters too many',
  my_notes: 'Your notes',
  note_saved: 'on the board',
  note_waiting: 'waiting to send',
  no_round: 'No voting right now. The facilitator will open a vote.',
  votes_left: 'votes left',
  votes_left_of: 'of {total} votes left',
  round_closed: 'Voting has ended. Waiting for the results…',
  vote_for: 'Vote for this note',
  other_notes: 'Other notes',
  take_back: 'Take back a vote',
  on_note: 'Your votes on this note: {n}',
  done: "I'm done",
  done_already: 'Thanks! You can still change your votes until the round ends.',
  results: 'Results',
  votes_n: '{n} votes',
  vote_1: '1 vote',
  no_votes: 'No votes were cast.',
  time_left: '{time} left',
  time_up: "Time's up",
  feel_intro: 'How does each step feel? Slide from bad to good.',
  feel_as: 'Rate as',
  myself: 'Myself as a customer',
  variant_current: 'How it is now',
  variant_target: 'How it should be',
  not_rated: 'not rated',
  rated: 'rated {score}',
  worse: 'Worse',
  better: 'Better',
  no_stages: 'The journey has no stages yet.',
  status_saved: 'All saved',
  status_saving: 'Saving…',
  status_offline: 'Offline, {n} waiting',
  status_waiting: '{n} waiting to send',
  status_live: 'Connected',
  dismiss: 'Dismiss',
  language: 'Suomeksi',
  language_label: 'Vaihda kieli suomeksi',
  leave: 'Leave',
  signed_in_as: 'You are {name}',
  anonymous: 'anonymous',
  refused_budget_n: 'You have used all {n} of your votes.',
  refused_budget: 'You have used all your votes.',
  refused_note_cap_n: 'A note can get at most {n} of your votes.',
  refused_note_cap: 'This note already has all the votes you can give it.',
  refused_round_closed: 'This voting round is closed.',
  refused_results_hidden: 'The results have not been revealed yet.',
  refused_not_in_round: 'That note is not part of this vote.',
  refused_brainstorm_closed: 'Writing notes is closed right now, so your note was not added.',
  refused_rating_closed: 'Rating is closed right now, so your rating was not saved.',
  refused_not_found: 'That is no longer in the workshop.',
  refused_too_large: 'That is too long to send.',
  refused_other: 'The workshop did not accept that.',
  join_wrong_code: 'That room code is not right. Check it on the screen.',
  brainstorm_closed: 'Writing notes is closed right now. The facilitator will open it.',
  notes_hidden_hint: 'Your notes stay face down on the shared screen until the facilitator reveals them.',
  chosen_persona: 'the persona the facilitator chose',
  timer_label: 'Timer',
  timer_paused: 'Paused at {time}',
  leave_question: 'Leave the workshop? What you wrote stays on the board.',
  leave_busy: 'Leaving…',
  leave_failed: 'Leaving did not work. Please try again.',
  stay: 'Stay',
  removed_title: 'You were removed from the room',
  removed_body: 'The facilitator removed you from this workshop. What you wrote stays on the board. If this was a mistake, you can join again.',
  rejoin: 'Join again',
  network_error: 'Cannot reach the workshop. Check that you are on the room’s Wi-Fi.',
  colour_yellow: 'Yellow',
  colour_orange: 'Orange',
  colour_sky: 'Sky',
  colour_green: 'Green',
  colour_blue: 'Blue',
  colour_red: 'Red',
  colour_pink: 'Pink',
  colour_grey: 'Grey',
  // Questions to everyone, and the feelings picked with a rating
  tab_ask: 'Question',
  answer_nps_low: 'Not at all likely',
  answer_nps_high: 'Extremely likely',
  answer_csat_low: 'Very dissatisfied',
  answer_csat_high: 'Very satisfied',
  answer_ces_low: 'Very difficult',
  answer_ces_high: 'Very easy',
  answer_text_label: 'Your answer in a few words',
  answer_send: 'Send',
  answer_saved: 'Your answer is in. You can change it until the question closes.',
  answer_waiting: 'Waiting to send your answer…',
  refused_question_closed: 'The question has closed, so your answer was not saved.',
  feelings_label: 'How did it feel? Pick up to 2.',
  feelings_positive: 'Positive',
  feelings_negative: 'Negative',
  feelings_full: 'You have picked 2. Tap one off to pick another.',
  feelings_choose: 'Choose feelings',
  feelings_change: 'Change feelings',
};

export type MessageKey = keyof typeof en;

const fi: Record<MessageKey, string> = {
  app_name: 'Fiilis',
  join_title: 'Liity työpajaan',
  join_intro: 'Osallistu puhelimella: kirjoita ideoita, äänestä ja kerro, miltä kukin vaihe tuntuu.',
  room_code: 'Liittymiskoodi',
  room_code_hint: '6 merkkiä, näkyy yhteisellä näytöllä',
  name: 'Nimesi',
  name_hint: 'tai osallistu nimettömänä',
  role: 'Olen mukana',
  role_customer: 'Asiakkaana',
  role_employee: 'Työntekijänä',
  role_stakeholder: 'Sidosryhmän edustajana',
  join: 'Liity',
  joining: 'Liitytään…',
  tab_notes: 'Ideat',
  tab_vote: 'Äänestys',
  tab_feel: 'Tunteet',
  note_label: 'Ideasi',
  note_placeholder: 'Yksi idea lappua kohti',
  colour: 'Väri',
  add_note: 'Lisää lappu',
  add_photo: 'Ota tai valitse kuva',
  add_photo_hint: 'Kuvaa paperilaput tai fläppitaulu: kuva päätyy taululle.',
  photo_note: 'Valokuva',
  refused_photo: 'Kuvaa ei voitu lukea: kokeile toista.',
  chars_left: '{n} merkkiä jäljellä',
  too_long: '{n} merkkiä liikaa',
  my_notes: 'Lappusi',
  note_saved: 'taululla',
  note_waiting: 'odottaa lähetystä',
  no_round: 'Äänestys ei ole nyt auki. Fasilitaattori avaa äänestyksen.',
  votes_left: 'ääntä jäljellä',
  votes_left_of: '/ {total} ääntä jäljellä',
  round_closed: 'Äänestys on päättynyt. Odotetaan tuloksia…',
  vote_for: 'Äänestä tätä lappua',
  other_notes: 'Muut laput',
  take_back: 'Ota ääni takaisin',
  on_note: 'Äänesi tällä lapulla: {n}',
  done: 'Valmis',
  done_already: 'Kiitos! Voit vielä muuttaa ääniäsi, kunnes äänestys päättyy.',
  results: 'Tulokset',
  votes_n: '{n} ääntä',
  vote_1: '1 ääni',
  no_votes: 'Ääniä ei annettu.',
  time_left: 'Aikaa {time}',
  time_up: 'Aika loppui',
  feel_intro: 'Miltä kukin vaihe tuntuu? Liu’uta huonosta hyvään.',
  feel_as: 'Kenen silmin',
  myself: 'Omin silmin, asiakkaana',
  variant_current: 'Miten on nyt',
  variant_target: 'Miten pitäisi olla',
  not_rated: 'ei arvioitu',
  rated: 'arvio {score}',
  worse: 'Huonompi',
  better: 'Parempi',
  no_stages: 'Asiakaspolulla ei ole vielä vaiheita.',
  status_saved: 'Kaikki tallessa',
  status_saving: 'Tallennetaan…',
  status_offline: 'Ei yhteyttä, {n} odottaa',
  status_waiting: '{n} odottaa lähetystä',
  status_live: 'Yhteys toimii',
  dismiss: 'Sulje',
  language: 'In English',
  language_label: 'Switch the language to English',
  leave: 'Poistu',
  signed_in_as: 'Olet {name}',
  anonymous: 'nimetön',
  refused_budget_n: 'Olet käyttänyt kaikki {n} ääntäsi.',
  refused_budget: 'Olet käyttänyt kaikki äänesi.',
  refused_note_cap_n: 'Yksi lappu voi saada sinulta enintään {n} ääntä.',
  refused_note_cap: 'Tällä lapulla on jo kaikki äänet, jotka voit sille antaa.',
  refused_round_closed: 'Tämä äänestys on päättynyt.',
  refused_results_hidden: 'Tuloksia ei ole vielä paljastettu.',
  refused_not_in_round: 'Tämä lappu ei ole mukana tässä äänestyksessä.',
  refused_brainstorm_closed: 'Lappujen kirjoittaminen on nyt suljettu, joten lappuasi ei lisätty.',
  refused_rating_closed: 'Arviointi on nyt suljettu, joten arviotasi ei tallennettu.',
  refused_not_found: 'Sitä ei enää ole työpajassa.',
  refused_too_large: 'Tämä on liian pitkä lähetettäväksi.',
  refused_other: 'Työpaja ei hyväksynyt tätä.',
  join_wrong_code: 'Liittymiskoodi ei ole oikein. Tarkista se yhteiseltä näytöltä.',
  brainstorm_closed: 'Lappujen kirjoittaminen on nyt suljettu. Fasilitaattori avaa sen.',
  notes_hidden_hint: 'Lappusi pysyvät yhteisellä näytöllä piilossa, kunnes fasilitaattori paljastaa ne.',
  chosen_persona: 'Fasilitaattorin valitseman persoonan',
  timer_label: 'Ajastin',
  timer_paused: 'Tauolla: {time}',
  leave_question: 'Poistutaanko työpajasta? Kirjoittamasi jää taululle.',
  leave_busy: 'Poistutaan…',
  leave_failed: 'Poistuminen ei onnistunut. Yritä uudelleen.',
  stay: 'Pysy mukana',
  removed_title: 'Sinut poistettiin työpajasta',
  removed_body: 'Fasilitaattori poisti sinut tästä työpajasta. Kirjoittamasi jää taululle. Jos tämä oli vahinko, voit liittyä uudelleen.',
  rejoin: 'Liity uudelleen',
  network_error: 'Työpajaan ei saada yhteyttä. Tarkista, että puhelin on samassa Wi-Fi-verkossa kuin työpajan tietokone.',
  colour_yellow: 'Keltainen',
  colour_orange: 'Oranssi',
  colour_sky: 'Taivaansininen',
  colour_green: 'Vihreä',
  colour_blue: 'Sininen',
  colour_red: 'Punainen',
  colour_pink: 'Vaaleanpunainen',
  colour_grey: 'Harmaa',
  // Kysymykset kaikille ja arvion yhteydessä valitut tunteet
  tab_ask: 'Kysymys',
  answer_nps_low: 'En lainkaan todennäköisesti',
  answer_nps_high: 'Erittäin todennäköisesti',
  answer_csat_low: 'Erittäin tyytymätön',
  answer_csat_high: 'Erittäin tyytyväinen',
  answer_ces_low: 'Erittäin vaikeaa',
  answer_ces_high: 'Erittäin helppoa',
  answer_text_label: 'Vastauksesi muutamalla sanalla',
  answer_send: 'Lähetä',
  answer_saved: 'Vastauksesi on tallessa. Voit muuttaa sitä, kunnes kysymys suljetaan.',
  answer_waiting: 'Vastaus odottaa lähettämistä…',
  refused_question_closed: 'Kysymys on jo suljettu, joten vastaustasi ei tallennettu.',
  feelings_label: 'Miltä se tuntui? Valitse enintään 2.',
  feelings_positive: 'Myönteiset',
  feelings_negative: 'Kielteiset',
  feelings_full: 'Olet valinnut kaksi. Poista toinen valinta, jos haluat vaihtaa.',
  feelings_choose: 'Valitse tunteet',
  feelings_change: 'Vaihda tunteita',
};

export type Locale = 'en' | 'fi';
export const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { en, fi };

const STORAGE_KEY = 'fiilis.phone.locale';

/** The phone's own language: Finnish for fi-*, English otherwise. */
export function localeFor(languages: readonly string[]): Locale {
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0];
    if (base === 'fi') return 'fi';
    if (base === 'en') return 'en';
  }
  return 'en';
}

function initial(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'fi') return saved;
  } catch {
    // No storage: follow the phone.
  }
  return typeof navigator === 'undefined' ? 'en' : localeFor(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

export const i18n = $state({ locale: 'en' as Locale });

export function initLocale() {
  i18n.locale = initial();
  document.documentElement.lang = i18n.locale;
}

export function switchLocale() {
  i18n.locale = i18n.locale === 'en' ? 'fi' : 'en';
  document.documentElement.lang = i18n.locale;
  try {
    localStorage.setItem(STORAGE_KEY, i18n.locale);
  } catch {
    // Not remembered; fine.
  }
}

export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  // A value holding a bidirectional control is isolated, so it cannot reorder the sentence.
  return DICTIONARIES[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? isolate(String(params[name])) : whole,
  );
}

/** Text in the current language (reactive where read inside components). */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(i18n.locale, key, params);
}

/** `t` as parts, for a sentence with people's words in it (lib/components/Sentence.svelte). */
export function tParts(key: MessageKey, params: Record<string, string | number>): Part[] {
  return templateParts(DICTIONARIES[i18n.locale][key], params);
}
