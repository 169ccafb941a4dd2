/**
 * The parser's word lists, as data: one place to read (and extend) what counts as a reporting verb,
 * an office, a part of an organisation's name, a name particle. The modules that use them compile
 * them into patterns once; nothing here is code. Order matters where a list becomes a regex
 * alternation (longer phrases first where one is a prefix of another).
 */

/**
 * Verbs that make a capitalised name a person taking part ("Vladimir Putin held talks",
 * "Xi stressed") and a subject a speaker.
 */
// biome-ignore format: a word list reads best packed
export const SPEECH_VERBS = [
  'said', 'says', 'noted', 'stressed', 'reminded', 'underscored', 'underlined', 'emphasi[sz]ed', 'reaffirmed',
  'welcomed', 'informed', 'expressed', 'highlighted', 'pointed out', 'thanked', 'congratulated', 'discussed',
  'agreed', 'praised', 'condemned', 'called', 'urged', 'invited', 'briefed', 'shared', 'reiterated', 'confirmed',
  'conveyed', 'raised', 'offered', 'proposed', 'told', 'assured', 'acknowledged', 'affirmed', 'committed',
  'pledged', 'asked', 'recalled', 'added', 'explained', 'outlined', 'described', 'voiced', 'lauded', 'commended',
  'mentioned', 'supported', 'appreciated', 'encouraged', 'stated', 'announced', 'spoke', 'held', 'had', 'met',
  'received', 'hosted', 'wished', 'extended', 'reported', 'drew', 'presented', 'suggested', 'believes', 'hopes',
  'opposed', 'warned', 'insisted', 'declared', 'observed', 'remarked', 'indicated', 'recognized', 'recognised',
  'reviewed', 'updated', 'detailed', 'made', 'sent', 'gave', 'instructed', 'approved', 'signed', 'visited',
  'addressed', 'chaired', 'replied', 'responded', 'answered', 'continued', 'requested',
] as const;

/** Verbs of an embedded reporting clause: "Talks must resume, Xi said, ...". */
// biome-ignore format: a word list reads best packed
export const EMBEDDED_REPORTING_VERBS = [
  'said', 'stressed', 'noted', 'added', 'stated', 'underlined', 'underscored', 'emphasi[sz]ed', 'pointed out',
  'recalled', 'continued', 'affirmed', 'explained',
] as const;

/**
 * Offices that make the name after them a participant ("Chinese President Xi Jinping", "Indian
 * External Affairs Minister Subrahmanyam Jaishankar", "Foreign Secretary Liz Truss"), as regex
 * fragments (\\s between words). Each one's first word must be in PARTICIPANT_ROLE_FIRST_WORDS.
 * Longer offices before their prefixes ("Deputy Prime Minister" is found at "Deputy").
 */
// biome-ignore format: a word list reads best packed
export const PARTICIPANT_ROLES = [
  'Vice[\\s-]President', 'Vice\\s+Premier', 'President[\\s-]elect', 'President', 'Prime\\s+Minister', 'Deputy\\s+Prime\\s+Minister',
  'Chancellor', 'Crown\\s+Prince', 'King', 'Queen', 'Emir', 'Amir', 'Sultan', 'Premier', 'Secretary[\\s-]General',
  'Secretary\\s+of\\s+State', 'Secretary\\s+of\\s+Defen[cs]e', 'Foreign\\s+Minister', 'Foreign\\s+Secretary',
  'Minister\\s+(?:of|for)\\s+Foreign\\s+Affairs', 'Minister\\s+of\\s+External\\s+Affairs', 'External\\s+Affairs\\s+Minister',
  'Defen[cs]e\\s+Minister', 'Defen[cs]e\\s+Secretary', 'Minister\\s+of\\s+Defen[cs]e', 'Pope', 'Patriarch', 'Chairman',
  'Chairwoman', 'Director[\\s-]General', 'Governor', 'Taoiseach', 'Grand\\s+Duke', 'Emperor',
  'Head\\s+of\\s+the\\s+Office\\s+of\\s+the\\s+President', 'Deputy\\s+Head\\s+of\\s+the\\s+Office\\s+of\\s+the\\s+President',
  'National\\s+Security\\s+Advisor',
] as const;

/** The words a PARTICIPANT_ROLES office can begin with (optionally after "Acting" / "Federal"). */
// biome-ignore format: a word list reads best packed
export const PARTICIPANT_ROLE_FIRST_WORDS = [
  'Acting', 'Federal', 'Vice', 'President', 'Prime', 'Deputy', 'Chancellor', 'Crown', 'King', 'Queen', 'Emir', 'Amir',
  'Sultan', 'Premier', 'Secretary', 'Foreign', 'External', 'Minister', 'Defen[cs]e', 'Pope', 'Patriarch', 'Chairman',
  'Chairwoman', 'Director', 'Governor', 'Taoiseach', 'Grand', 'Emperor', 'Head', 'National',
] as const;

/**
 * Words that open a person's title: a name stops before them ("... Dilbert Mudd President of
 * Qumar ...": two people) and a run of them is no name ("Acting Federal").
 */
// biome-ignore format: a word list reads best packed
export const TITLE_START_WORDS = [
  'President', 'Prime', 'Chancellor', 'Minister', 'Secretary', 'King', 'Queen', 'Emir', 'Sultan', 'Crown', 'Vice',
  'Federal', 'Acting', 'Head', 'Chairman', 'Director', 'Governor', 'Ambassador',
] as const;

/**
 * The last word of one person's title ("The Deputy Prime Minister", "the Secretary-General", "the
 * Commissioner"): a subject ending in one of these is a person; "the Vice Presidents", "the White
 * House" and "the Bureau" are not.
 */
// biome-ignore format: a word list reads best packed
export const PERSON_TITLE_LAST_WORDS = [
  'President', 'Minister', 'Chancellor', 'Secretary', 'Secretary-General', 'General', 'Director', 'Director-General',
  'Governor', 'Ambassador', 'Commissioner', 'Chairman', 'Chairwoman', 'Chair', 'Speaker', 'Mayor', 'Premier',
  'Taoiseach', 'Amir', 'Emir', 'King', 'Queen', 'Prince', 'Princess', 'Sultan', 'Adviser', 'Advisor', 'Envoy',
  'Administrator', 'Spokesperson', 'Spokesman', 'Gentleman', 'Lady', 'Representative', 'Senator', 'Pope', 'Patriarch',
  'Ombudsman', 'Prosecutor', 'Prosecutor-General',
] as const;

/** Surname prefixes followed by a capital: "McCarthy", "MacArthur", "DeSantis", "LaSure", "O'Rourke", "D'Souza". */
// biome-ignore format: a word list reads best packed
export const NAME_CAMEL_PREFIXES = ['Mc', 'Mac', 'De', 'Di', 'Da', 'Du', 'La', 'Le', "O'", 'O’', "D'", 'D’'] as const;

/** The first fourteen of TITLE_START_WORDS: the ones a name pattern never runs into. */
export const NAME_STOP_TITLES = TITLE_START_WORDS.slice(0, 14);

/**
 * Words of office and organisation names, never of a person's name: "Founding Partner and CEO of
 * Horizon Capital Lenna Koszarny" is one person; "Southeast Asian Research Action Center" none.
 */
export const ROLE_ORG_WORDS =
  `Arab Emirates Benefits Everybody Rights Accountable President Vice Prime Minister Ministers Chancellor Secretary General Director Senior Advisor Adviser Deputy Chief Staff Head Office Council Federation Federal
Speaker Chairman Chairwoman Chair Premier EAM Executive Presidential Service Intelligence Security Defence Defense Interior Foreign Affairs Prosecutor-General Special Representative
Environmental Protection Ecology Transport White House Public Engagement National Western Hemisphere Board Directors Chamber Commerce Founding Partner CEO COO CFO State
Senator Assembly Assemblymember Legislative Leader Minority Majority Whip Clinic Section Medical Center Centre Department Ministry Agency Administration Administrator
Governor Mayor Ambassador Commissioner Commission Mr Mrs Ms Dr Today Yesterday Also Taking Part Meeting Capital Company Group Bank Fund Foundation Institute University
Committee Cabinet Government Republic Kingdom Emirate Crown Prince King Queen Emir Sultan Sheikh His Her Majesty Highness Excellency Acting Assistant Associate Officer
Nursing Nurse Registered Services Quality Systems Improvement Health Veterans Union Local Member Members Professor Certified Hospital Community
Regional Economic Gender Policy Climate Intergovernmental Attorney Attorneys Counsel Press Communications Strategic Operations Coordinator Envoy
Commander Forces Army Navy Air Force Guard Police Justice Court Supreme Party Movement Front Bureau Division Unit Task Working Interagency Summit
Conference Forum Initiative Program Programme Project Plan Strategy Act Law Treaty Agreement Declaration Charter Platform Format Week Day Year Month
January February March April May June July August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday
United Nurses Workers Teachers Americans Association Palace Holiness Triangle Memorandum World Session Listening Communities Plant Power Roundtable Caucasus Valley Region Square Street Avenue Airport Station Readout Statement Joint Remarks Call Video Telephone Conversation Talks Visit During Following After Before In On At For With The This That These Those`.split(
    /\s+/,
  );

/** A name that ends in one of these is an institution, an event or a document, not a person. */
// biome-ignore format: a word list reads best packed
export const INSTITUTION_LAST_WORDS = [
  'President', 'Minister', 'Chancellor', 'Secretary', 'Director', 'Prince', 'King', 'Queen', 'Emir', 'Sultan',
  'Premier', 'Governor', 'Ambassador', 'Speaker', 'Chairman', 'General', 'Adviser', 'Advisor', 'Spokesperson',
  'Head', 'Leader', 'Leaders', 'Call', 'Calls', 'Meeting', 'Video', 'Conversation', 'Talks', 'Visit', 'Readout',
  'Statement', 'Remarks', 'Cooperation', 'Treaty', 'Agreement', 'Organization', 'Organisation', 'Summit',
  'Council', 'Committee', 'Commission', 'Ministry', 'Office', 'Forum', 'Union', 'Assembly', 'Parliament',
  'Agency', 'Service', 'Administration', 'Department', 'Fund', 'Bank', 'Group', 'Conference', 'Partnership',
  'Initiative', 'Strategy', 'Act', 'Plan', 'Program', 'Programme', 'Declaration', 'Charter', 'Platform', 'Format',
  'Federation', 'Republic', 'Kingdom', 'States', 'Nations', 'Affairs', 'Security', 'Defense', 'Defence', 'Forces',
  'Army', 'Government', 'Region', 'Sea', 'Strait', 'Day', 'Games', 'Cup', 'Week', 'Year', 'Centre', 'Center',
  'University', 'Institute', 'Foundation', 'Company', 'Corporation', 'Airlines', 'Project', 'Pipeline', 'Stream',
  'Accords?', 'Alliance', 'Coalition', 'Party', 'Command', 'Headquarters', 'Mission', 'Operation', 'Authority',
  'Diwan', 'Palace', 'Islands', 'Relief', 'Aid', 'Assistance', 'Response', 'Team', 'Force',
] as const;

/** A capitalised run that starts with one of these is a place ("St Petersburg", "New Delhi"). */
// biome-ignore format: a word list reads best packed
export const PLACE_FIRST_WORDS = [
  'St', 'Saint', 'New', 'South', 'North', 'East', 'West', 'Central', 'Upper', 'Lower', 'Des', 'Abu', 'San', 'Santa',
  'Los', 'Las', 'Port', 'Fort', 'Mount', 'Lake', 'Cape', 'Gulf', 'Sea', 'Black', 'Red', 'Your', 'His', 'Her',
  'Build',
] as const;

/** Words that never start (or make up) a person's name; matched case-insensitively, plural or not. */
// biome-ignore format: a word list reads best packed
export const NOT_NAME_WORDS = [
  'The', 'This', 'That', 'These', 'Those', 'Both', 'Each', 'All', 'His', 'Her', 'Their', 'Our', 'In', 'On', 'At',
  'During', 'For', 'With', 'And', 'But', 'Mr', 'Mrs', 'Ms', 'Dr', 'He', 'She', 'They', 'It', 'We', 'I', 'Readout',
  'Joint', 'Statement', 'White', 'House', 'Kremlin', 'Office', 'Ministry', 'Government', 'Cabinet', 'Council',
  'Commission', 'Parliament', 'Congress', 'Senate', 'Secretary', 'Minister', 'President', 'Prime', 'Chancellor',
  'Ambassador', 'Leaders', 'Sides', 'Parties', 'Presidents', 'Delegation', 'Spokesperson', 'National', 'Federal',
  'Foreign', 'Security', 'Defense', 'Defence', 'State', 'United', 'European', 'Republic', 'Federation', 'Kingdom',
  'Crown', 'Also', 'As', 'After', 'Before', 'Following', 'Today', 'Yesterday', 'January', 'February', 'March',
  'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'Monday', 'Tuesday',
  'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday',
  // Verbs of title-case headlines ("His Highness the Amir Meets Prime Minister of Malaysia")
  'Meets', 'Holds', 'Receives', 'Speaks', 'Hosts', 'Welcomes', 'Visits', 'Attends', 'Sends', 'Chairs',
  'Congratulates', 'Discusses', 'Calls', 'Talks',
] as const;

/** After these, a capitalised run is a place ("in St Petersburg", "at Constantine Palace"), not a person. */
// biome-ignore format: a word list reads best packed
export const PLACE_PREPOSITIONS = [
  'in', 'at', 'from', 'to', 'near', 'across', 'into', 'towards', 'via', 'within', 'outside', 'inside', 'visit',
  'visited', 'visiting',
] as const;

/** Lower-case words that may join the capitalised words of a title or a name. */
// biome-ignore format: a word list reads best packed
export const CONNECTORS = [
  'of', 'the', 'for', 'on', 'to', 'de', 'von', 'der', 'da', 'bin', 'al', 'el', 'van', 'la', 'le', 'du', 'and', '&',
] as const;

/** Particles inside a name: "von der Leyen", "bin Salman", "da Silva". */
// biome-ignore format: a word list reads best packed
export const NAME_PARTICLES = [
  'de', 'von', 'der', 'da', 'bin', 'al', 'el', 'van', 'la', 'le', 'du', 'Al', 'El', 'bint', 'ibn',
] as const;

/** The particles the name patterns accept between name tokens (and strip from a name's end). */
// biome-ignore format: a word list reads best packed
export const NAME_PATTERN_PARTICLES = [
  'bin', 'bint', 'ibn', 'al', 'el', 'von', 'van', 'der', 'den', 'de', 'da', 'do', 'dos', 'du', 'la', 'le', 'Al',
  'El', 'Abu',
] as const;

/**
 * Surnames written first: "Xi Jinping" is `xi`. Chinese and Korean; a Korean given name that is
 * itself a surname ("Kim Moon") does not make the first one the surname.
 */
// biome-ignore format: a word list reads best packed
export const CHINESE_SURNAMES = [
  'xi', 'li', 'wang', 'zhang', 'liu', 'chen', 'yang', 'zhao', 'huang', 'zhou', 'wu', 'hu', 'wen', 'han', 'ding',
  'guo', 'he', 'ma', 'sun', 'zhu', 'gao', 'lin', 'qin', 'cai',
] as const;
export const KOREAN_SURNAMES = ['kim', 'moon', 'yoon', 'park', 'lee'] as const;
/** Given names that are also surnames: "X Moon" is not "surname X". */
export const KOREAN_SURNAMES_AS_GIVEN = ['Moon', 'Park', 'Lee', 'Kim'] as const;

/** Forms of address the text puts before a surname: "Dr. Gordon", "Mr Marques". */
export const FORMS_OF_ADDRESS = ['Dr.', 'Dr', 'Mr.', 'Mr', 'Ms.', 'Ms', 'Mrs.', 'Mrs', 'Prof.', 'Sir'] as const;

/**
 * Words that open an introductory clause before the subject: "In the call, ...", "Following the
 * talks, ..." (entries are regex source: "For (?:his|her) part").
 */
// biome-ignore format: a word list reads best packed
export const INTRO_OPENERS = [
  'In', 'During', 'At', 'On', 'Over', 'Following', 'After', 'Before', 'Throughout', 'Regarding', 'With regard to',
  'As for', 'As to', 'Turning to', 'Speaking about', 'Speaking of', 'Separately', 'Additionally', 'In addition',
  'Moreover', 'Furthermore', 'Also', 'Finally', 'Lastly', 'Earlier', 'Later', 'Meanwhile', 'Further', 'Further to',
  'In this regard', 'In this context', 'To this end', 'In particular', 'Specifically', 'Likewise', 'Similarly',
  'At the same time', 'Besides', 'Then', 'Subsequently', 'Noting', 'Touching upon', 'When discussing',
  'While discussing', 'While', 'When', 'Importantly', 'Ahead of', 'As part of', 'Referring to', 'For (?:his|her|their|its) part',
] as const;

/** Adverbs between a subject and its verb: "Xi also stressed", "Biden warmly welcomed". */
// biome-ignore format: a word list reads best packed
export const SPEECH_ADVERBS = [
  'also', 'further', 'again', 'once again', 'warmly', 'strongly', 'firmly', 'then', 'additionally', 'specifically',
  'personally', 'separately', 'repeatedly', 'sincerely', 'briefly', 'particularly', 'both', 'all',
  'reiterated\\s+and', 'thus', 'in turn',
] as const;

/**
 * Openers that carry on the current speaker's argument ("It is for this reason that Russia seeks
 * guarantees ...", "That is why ..."): the sentence is still theirs.
 */
// biome-ignore format: a word list reads best packed
export const ARGUMENT_CONNECTIVES = [
  'it is for this reason that', 'for this reason', 'that is why', 'this is why', 'therefore', 'hence',
  'consequently', 'as a result', 'in this regard', 'in this context',
] as const;

/**
 * Verbs of travel and schedule after a named subject ("Emomali Rahmon arrived in Russia", "Putin is
 * also expected to have bilateral meetings": a form of "be" may come first): logistics, nobody's
 * statement, wherever they stand.
 */
// biome-ignore format: a word list reads best packed
export const LOGISTICS_VERBS = [
  'arrived', 'arrives', 'departed', 'departs', 'landed', 'expected to', 'scheduled to', 'due to', 'will arrive',
  'will travel', 'will visit', 'travelled', 'traveled',
] as const;

/** When, between a subject and its verb: "Prime Minister Justin Trudeau today spoke with ...". */
// biome-ignore format: a word list reads best packed
export const TIME_ADVERBS = [
  'today', 'yesterday', 'tonight', 'earlier today', 'this morning', 'this afternoon', 'this evening', 'earlier',
  'on Monday', 'on Tuesday', 'on Wednesday', 'on Thursday', 'on Friday', 'on Saturday', 'on Sunday',
] as const;

/** "The/both/all (two) ..." as a subject speaks for everyone in the conversation: "The leaders agreed". */
// biome-ignore format: a word list reads best packed
export const JOINT_GROUP_NOUNS = [
  'leaders', 'sides', 'parties', 'vice presidents', 'presidents', 'heads of state', 'heads of government',
  'interlocutors', 'counterparts', 'delegations', 'prime ministers', 'foreign ministers', 'ministers',
  'national security advisors', 'national security advisers', 'secretaries', 'officials', 'participants', 'attendees',
  'members',
] as const;

/**
 * Plural nouns for the people around a table ("Senators and House Members expressed ...", "State
 * legislators, advocates and students shared ..."): as a subject of a speech verb they speak together.
 */
// biome-ignore format: a word list reads best packed
export const PEOPLE_GROUP_PLURALS = [
  'legislators', 'lawmakers', 'senators', 'representatives', 'members', 'governors', 'mayors', 'advocates',
  'providers', 'students', 'experts', 'executives', 'stakeholders', 'delegates', 'participants', 'attendees',
  'leaders', 'officials', 'advisers', 'advisors', 'ministers', 'parents', 'families', 'workers', 'organizers',
  'organisers', 'physicians', 'doctors', 'nurses', 'survivors', 'veterans', 'entrepreneurs',
] as const;

/**
 * Honorifics and forms of address that open a name in a readout ("Shri Narendra Modi", "His
 * Excellency Sheikh Tamim bin Hamad Al Thani", "the Hon. Anthony Albanese"): not part of the name.
 */
// biome-ignore format: a word list reads best packed
export const NAME_HONORIFICS = [
  'His', 'Her', 'Excellency', 'Highness', 'Majesty', 'Royal', 'Holiness', 'H.E.', 'HE', 'Hon.', 'Hon', 'Honorable',
  'Honourable', 'King', 'Queen', 'Crown', 'Prince', 'Princess', 'Amir', 'Emir', 'Sultan',
  'Sheikh', 'Sheikha', 'Shri', 'Smt.', 'Smt', 'Sri', 'Mr.', 'Mr', 'Mrs.', 'Mrs', 'Ms.', 'Ms', 'Dr.', 'Dr', 'Sir', 'Dame',
] as const;

/** Letters after a name ("Micheál Martin TD", "Anthony Albanese MP"): not part of it either. */
// biome-ignore format: a word list reads best packed
export const POST_NOMINALS = [
  'MP', 'TD', 'MEP', 'MLA', 'MSP', 'MS', 'QC', 'KC', 'SC', 'OBE', 'MBE', 'CBE', 'KBE', 'GCMG', 'PhD', 'AC', 'AO',
] as const;

/**
 * Short capitalised abbreviations whose lower-case form is an everyday word ("US" → "us", "WHO" →
 * "who"): topic tagging folds case, so these never tag a country or organisation. Other short
 * abbreviations ("UK", "UAE", "PRC", "ROK") do.
 */
// biome-ignore format: a word list reads best packed
export const ABBREVIATIONS_THAT_ARE_WORDS = [
  'US', 'WHO', 'IT', 'AS', 'IS', 'OR', 'ON', 'IN', 'AT', 'AN', 'NO', 'SO', 'TO', 'WE', 'ME', 'HE', 'BE', 'DO', 'GO',
  'UP', 'BY', 'OF', 'MAY', 'CAN', 'AND', 'ALL', 'ONE', 'NOW', 'NEW', 'OUR', 'OUT', 'CAR',
] as const;

/**
 * Words spelt two ways in English readouts (British and American, legal and common): a topic alias
 * written one way also matches the other ("legally binding guaranties" is "... guarantees").
 */
// biome-ignore format: a word list reads best packed
export const SPELLING_VARIANTS: ReadonlyArray<readonly [string, string]> = [
  ['guarantee', 'guaranty'], ['guarantees', 'guaranties'], ['defence', 'defense'], ['programme', 'program'],
  ['programmes', 'programs'], ['centre', 'center'], ['organisation', 'organization'], ['labour', 'labor'],
  ['stabilisation', 'stabilization'], ['modernisation', 'modernization'],
  ['militarisation', 'militarization'], ['demilitarisation', 'demilitarization'], ['denuclearisation', 'denuclearization'],
  ['colonisation', 'colonization'], ['harbour', 'harbor'], ['neighbouring', 'neighboring'], ['neighbours', 'neighbors'],
  ['favour', 'favor'], ['fulfil', 'fulfill'], ['enrolment', 'enrollment'], ['cheque', 'check'],
];

/** Country names that are also surnames ("Deputy Attorney General Lisa Monaco"): a person's, after a given name. */
export const POLITIES_THAT_ARE_SURNAMES = ['Monaco', 'Jordan', 'Chad', 'Israel'] as const;
