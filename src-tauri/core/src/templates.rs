//! The journey templates a workshop can start from, in English and Finnish.
//!
//! Templates are data compiled into the app rather than rows in the library: they are the
//! same on every laptop, and a workshop copies its stages at creation, so later edits to a
//! workshop never touch the template and template updates never touch old workshops.

use serde::Serialize;

use crate::model::{LaneKind, Language, TemplateId};
use ts_rs::TS;

/// A stage's text in both languages: (English title, English description, Finnish title,
/// Finnish description).
type StageText = (&'static str, &'static str, &'static str, &'static str);

const HOTEL_STAGES: &[StageText] = &[
    (
        "Browsing",
        "Looking for a place to stay: search, reviews, pictures, recommendations.",
        "Selailu",
        "Majoituksen etsiminen: haku, arviot, kuvat, suositukset.",
    ),
    (
        "Booking",
        "Choosing a room and dates, paying, getting the confirmation.",
        "Varaaminen",
        "Huoneen ja päivien valinta, maksu, vahvistus.",
    ),
    (
        "Before the stay",
        "Messages, changes and expectations between booking and arrival.",
        "Ennen vierailua",
        "Viestit, muutokset ja odotukset varauksen ja saapumisen välillä.",
    ),
    (
        "Arrival / check-in",
        "Finding the hotel, the first welcome, getting the key.",
        "Saapuminen / sisäänkirjautuminen",
        "Perille löytäminen, ensivaikutelma, avaimen saaminen.",
    ),
    (
        "The stay",
        "The room, sleep, breakfast, staff encounters.",
        "Majoittuminen",
        "Huone, uni, aamiainen, kohtaamiset henkilökunnan kanssa.",
    ),
    (
        "Extra services",
        "Restaurant, spa, parking, tips for the area.",
        "Lisäpalvelut",
        "Ravintola, kylpylä, pysäköinti, vinkit lähialueelle.",
    ),
    (
        "Check-out",
        "Paying the bill, returning the key, saying goodbye.",
        "Uloskirjautuminen",
        "Laskun maksaminen, avaimen palautus, hyvästit.",
    ),
    (
        "After the stay",
        "Feedback, memories, loyalty and coming back.",
        "Vierailun jälkeen",
        "Palaute, muistot, kanta-asiakkuus ja paluu.",
    ),
];

const DIGITAL_STAGES: &[StageText] = &[
    (
        "Discover on mobile",
        "First hears of the service and looks it up on the phone.",
        "Löytäminen mobiilissa",
        "Kuulee palvelusta ensimmäisen kerran ja etsii sen puhelimella.",
    ),
    (
        "Compare",
        "Weighs the options, prices and reviews.",
        "Vertailu",
        "Punnitsee vaihtoehtoja, hintoja ja arvioita.",
    ),
    (
        "Contact via chat, phone or e-mail",
        "Asks a question in the channel that suits the moment.",
        "Yhteydenotto chatissa, puhelimessa tai sähköpostilla",
        "Kysyy neuvoa kanavassa, joka sopii juuri siihen hetkeen.",
    ),
    ("Buy", "Orders and pays.", "Ostaminen", "Tilaa ja maksaa."),
    (
        "Use",
        "Gets going and uses the service day to day.",
        "Käyttö",
        "Ottaa palvelun käyttöön ja käyttää sitä arjessa.",
    ),
    (
        "Get help",
        "Something goes wrong or is unclear and needs support.",
        "Avun saaminen",
        "Jokin menee vikaan tai on epäselvää, ja tarvitaan tukea.",
    ),
    (
        "Renew",
        "Decides whether to continue, upgrade or leave.",
        "Uusiminen",
        "Päättää, jatkaako, vaihtaako laajempaan vai lopettaako.",
    ),
];

/// The channels of the digital template's stages, by stage, in English and Finnish: the
/// journey moves between them, so its channel switches show from the start.
const DIGITAL_CHANNELS: &[(&[&str], &[&str])] = &[
    (&["Mobile"], &["Mobiili"]),
    (&["Web"], &["Verkko"]),
    (
        &["Chat", "Phone", "E-mail"],
        &["Chat", "Puhelin", "Sähköposti"],
    ),
    (&["Web"], &["Verkko"]),
    (&["Mobile"], &["Mobiili"]),
    (&["Phone"], &["Puhelin"]),
    (&["E-mail"], &["Sähköposti"]),
];

/// The text lanes of the hotel template, in English and Finnish: what the brand promises at
/// each stage, and what staff do backstage to deliver it.
const HOTEL_TEXT_LANES: [(&str, &str); 2] = [
    ("Brand promise", "Brändilupaus"),
    (
        "Backstage: staff actions",
        "Kulissien takana: henkilökunnan toiminta",
    ),
];

/// A lane as a new workshop receives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LaneSeed {
    pub kind: LaneKind,
    pub title: &'static str,
}

/// The lanes a new workshop from `template` starts with, top to bottom, in `language`.
pub fn lanes(template: TemplateId, language: Language) -> Vec<LaneSeed> {
    let seed = |kind: LaneKind| LaneSeed {
        kind,
        title: kind.default_title(language),
    };
    let text = |(en, fi): (&'static str, &'static str)| LaneSeed {
        kind: LaneKind::Text,
        title: match language {
            Language::En => en,
            Language::Fi => fi,
        },
    };
    let mut lanes = vec![seed(LaneKind::Touchpoint)];
    if template == TemplateId::Hotel {
        lanes.push(text(HOTEL_TEXT_LANES[0]));
    }
    lanes.push(seed(LaneKind::Channels));
    if template == TemplateId::Hotel {
        lanes.push(text(HOTEL_TEXT_LANES[1]));
    }
    lanes.extend(
        [
            LaneKind::PainPoints,
            LaneKind::Opportunities,
            LaneKind::Feelings,
            LaneKind::Metrics,
            LaneKind::Notes,
        ]
        .map(seed),
    );
    lanes
}

/// A template as offered in the "new workshop" dialog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TemplateInfo {
    pub id: TemplateId,
    pub name: String,
    pub description: String,
    pub stages: Vec<String>,
}

/// A stage as a new workshop receives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageSeed {
    pub title: &'static str,
    pub description: &'static str,
    pub channels: &'static [&'static str],
}

/// The channels of each of a template's stages, in `language` (none where it sets none).
fn channels_of(template: TemplateId, language: Language, index: usize) -> &'static [&'static str] {
    match template {
        TemplateId::Digital => DIGITAL_CHANNELS
            .get(index)
            .map_or(&[], |(en, fi)| match language {
                Language::En => en,
                Language::Fi => fi,
            }),
        TemplateId::Blank | TemplateId::Hotel => &[],
    }
}

fn stage_texts(template: TemplateId) -> &'static [StageText] {
    match template {
        TemplateId::Blank => &[],
        TemplateId::Hotel => HOTEL_STAGES,
        TemplateId::Digital => DIGITAL_STAGES,
    }
}

/// The stages a new workshop from `template` starts with, in `language`.
pub fn stages(template: TemplateId, language: Language) -> Vec<StageSeed> {
    stage_texts(template)
        .iter()
        .enumerate()
        .map(
            |(index, &(en_title, en_description, fi_title, fi_description))| {
                let (title, description) = match language {
                    Language::En => (en_title, en_description),
                    Language::Fi => (fi_title, fi_description),
                };
                StageSeed {
                    title,
                    description,
                    channels: channels_of(template, language, index),
                }
            },
        )
        .collect()
}

fn name_and_description(template: TemplateId, language: Language) -> (&'static str, &'static str) {
    match (template, language) {
        (TemplateId::Blank, Language::En) => ("Blank", "Start from an empty workshop."),
        (TemplateId::Blank, Language::Fi) => ("Tyhjä", "Aloita tyhjästä työpajasta."),
        (TemplateId::Hotel, Language::En) => (
            "Hotel stay",
            "A guest's journey from browsing to coming back, in eight stages.",
        ),
        (TemplateId::Hotel, Language::Fi) => (
            "Hotellivierailu",
            "Vieraan polku selailusta paluuseen kahdeksassa vaiheessa.",
        ),
        (TemplateId::Digital, Language::En) => (
            "Digital service across channels",
            "One customer, many channels: mobile, chat, phone and e-mail.",
        ),
        (TemplateId::Digital, Language::Fi) => (
            "Digipalvelu monessa kanavassa",
            "Yksi asiakas, monta kanavaa: mobiili, chat, puhelin ja sähköposti.",
        ),
    }
}

/// Every template, in the order the UI offers them.
pub fn list(language: Language) -> Vec<TemplateInfo> {
    TemplateId::ALL
        .into_iter()
        .map(|id| {
            let (name, description) = name_and_description(id, language);
            TemplateInfo {
                id,
                name: name.to_owned(),
                description: description.to_owned(),
                stages: stages(id, language)
                    .into_iter()
                    .map(|stage| stage.title.to_owned())
                    .collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hotel_has_the_eight_stages_in_order_in_both_languages() {
        let en: Vec<_> = stages(TemplateId::Hotel, Language::En)
            .iter()
            .map(|s| s.title)
            .collect();
        assert_eq!(
            en,
            [
                "Browsing",
                "Booking",
                "Before the stay",
                "Arrival / check-in",
                "The stay",
                "Extra services",
                "Check-out",
                "After the stay"
            ]
        );
        let fi = stages(TemplateId::Hotel, Language::Fi);
        assert_eq!(fi.len(), 8);
        assert_eq!(fi[0].title, "Selailu");
        assert_eq!(fi[7].title, "Vierailun jälkeen");
    }

    #[test]
    fn digital_has_seven_stages_and_blank_none() {
        assert_eq!(stages(TemplateId::Digital, Language::En).len(), 7);
        assert_eq!(
            stages(TemplateId::Digital, Language::Fi)[3].title,
            "Ostaminen"
        );
        assert!(stages(TemplateId::Blank, Language::Fi).is_empty());
    }

    #[test]
    fn the_digital_journey_switches_channels_and_the_hotel_has_brand_and_backstage_lanes() {
        assert_eq!(DIGITAL_CHANNELS.len(), DIGITAL_STAGES.len());
        let digital = stages(TemplateId::Digital, Language::Fi);
        assert_eq!(digital[2].channels, ["Chat", "Puhelin", "Sähköposti"]);
        let hotel: Vec<_> = lanes(TemplateId::Hotel, Language::En)
            .iter()
            .map(|lane| lane.title)
            .collect();
        assert_eq!(
            hotel,
            [
                "Touchpoint",
                "Brand promise",
                "Channels",
                "Backstage: staff actions",
                "Pain points",
                "Opportunities",
                "Feelings",
                "Metrics",
                "Notes"
            ]
        );
        assert!(lanes(TemplateId::Blank, Language::Fi)
            .iter()
            .all(|lane| lane.kind != LaneKind::Text));
    }

    #[test]
    fn every_template_text_is_filled_in_both_languages() {
        for language in [Language::En, Language::Fi] {
            for info in list(language) {
                assert!(!info.name.is_empty() && !info.description.is_empty());
                for stage in stages(info.id, language) {
                    assert!(!stage.title.is_empty() && !stage.description.is_empty());
                }
            }
        }
    }
}
