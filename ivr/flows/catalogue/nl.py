"""Every Dutch word the line speaks or texts. Short sentences; the function before the key."""

MESSAGES: dict[str, str] = {
    # --- The call: what the caller hears -------------------------------------------------
    "voice.welcome": "Goedendag. U belt met Buurtlijn, de telefoonlijn van de buurtpreventie.",
    "voice.unknown_caller": (
        "Dit telefoonnummer is niet aangemeld bij een buurtpreventiegroep. "
        "Is er nu spoed? Hang dan op en bel 112."
    ),
    # The happy path is counted by bench/call_length.py: at most 110 words up to "verstuurd".
    "voice.repeat_hint": "Herhalen: toets sterretje.",
    "voice.choose_group": "U bent lid van meer dan één groep. Voor welke groep belt u?",
    "voice.group_option": "Voor {group}, druk {key}.",
    "voice.more_groups": "Voor de andere groepen, druk {key}.",
    "voice.greeting": "Goedendag, buurtpreventie {group}.",
    "voice.group_chosen": "Buurtpreventie {group}.",
    "voice.resume_greeting": "Welkom terug bij buurtpreventie {group}.",
    "voice.resume_cut_off": (
        "Welkom terug bij buurtpreventie {group}. Uw melding van zojuist is nog niet verstuurd. "
        "Verder gaan: druk 1. Opnieuw beginnen: druk 2."
    ),
    "voice.resume_short": "Verder gaan: druk 1. Opnieuw beginnen: druk 2.",
    "voice.alarmeer": "Heeft u 112 gebeld? Ja: druk 1. Nog niet: druk 2. Geen spoed: druk 3.",
    "voice.alarmeer_short": "112 gebeld? Ja: 1. Nog niet: 2. Geen spoed: 3.",
    "voice.alarmeer_resumed": (
        "Heeft u nu 112 gebeld? Ja: druk 1. Nog niet: druk 2. Geen spoed: druk 3."
    ),
    "voice.alarmeer_latest": "Laatste melding horen: druk 4.",
    "voice.not_urgent": "Voor de politie zonder spoed: bel 0900-8844.",
    "voice.call_112_first": (
        "Hang nu op en bel 112. Bel ons daarna binnen 30 minuten terug, dan gaan we verder. "
        "Toch nu de buren waarschuwen, zonder 112: druk 1."
    ),
    "voice.call_112_bye": (
        "Hang nu op en bel 112. Bel ons daarna terug, dan gaan we verder met uw melding. Tot ziens."
    ),
    "voice.what": "Wat ziet u? Persoon: druk 1. Voertuig: druk 2. Inbraak: druk 3. Anders: druk 4.",
    "voice.what_short": "Persoon: 1. Voertuig: 2. Inbraak: 3. Anders: 4.",
    "voice.where": "Waar is het? Zeg de straat, of een plek die de buren kennen.",
    "voice.where_short": "Zeg de straat.",
    "voice.where_own_street": "Waar is het? Uw straat, {street}: druk 1. Anders: zeg waar.",
    "voice.where_own_street_short": "Uw straat: druk 1. Anders: zeg waar.",
    "voice.where_not_understood": "Ik heb geen plek verstaan. Zeg alleen de straat of de plek.",
    "voice.check_where": "Ik verstond: {location}. Klopt dat? Ja: druk 1. Opnieuw zeggen: druk 2.",
    "voice.check_where_short": "{location}. Klopt dat? Ja: druk 1. Opnieuw: druk 2.",
    "voice.description": "Beschrijf kort wat u ziet: kleding, kenteken, richting.",
    "voice.description_short": "Beschrijf kort wat u ziet. Niets: druk 1.",
    "voice.description_keys": "Niets te beschrijven: druk 1.",
    "voice.hidden_caller": (
        "Uw nummer is afgeschermd. Zo weten we niet bij welke buurtgroep u hoort. "
        "Bel opnieuw met uw nummer zichtbaar: toets eerst sterretje 31 hekje, en dan ons nummer. "
        "Is er spoed? Hang dan op en bel 112. Tot ziens."
    ),
    "voice.description_recorded": "We nemen dit op voor buren zonder mobiel.",
    "voice.readback": "Dit sturen we: {category}, {location}.",
    "voice.confirm": "Versturen: druk 1. Opnieuw beginnen: druk 2. Plek veranderen: druk 3.",
    "voice.readback_description": "Signalement: {description}.",
    "voice.start_over": "We beginnen opnieuw.",
    "voice.sent": "Verstuurd naar {count} {neighbours}.",
    "voice.sent_call_112_now": "112 is niet gebeld. Hang nu op en bel 112. Tot ziens.",
    "voice.sent_nobody": (
        "Uw melding is bewaard. Er zijn nog geen andere leden in uw groep om te waarschuwen."
    ),
    "voice.limit": (
        "Er zijn het afgelopen uur al veel meldingen gedaan. Uw melding is daarom niet "
        "verstuurd. Is er spoed? Bel dan 112. Tot ziens."
    ),
    "voice.latest_none": "Er is nog geen melding gedaan in uw groep.",
    "voice.latest_intro": "De laatste melding van uw groep.",
    # --- Calls to members: an alert, or an invitation ---------------------------------
    "voice.alert.announce": (
        "Goedendag. Dit is het buurtpreventie-alarm van {group}. Luister rustig. Er is een melding."
    ),
    "voice.alert.body": "{category}. Waar: {location}. Om {time} uur.",
    "voice.alert.no_location": "zie de beschrijving",
    "voice.alert.own_words": "De melder zei zelf:",
    "voice.alert.keys": "Heeft u het gehoord? Druk dan 1. Om het nog eens te horen, druk 2.",
    "voice.alert.thanks": (
        "Dank u. Reageer alleen als het veilig is, en speel nooit voor politie. Tot ziens."
    ),
    "voice.alert.called_112": (
        "Dit is het buurtpreventie-alarm van {group}. Voor de melding van {time} uur is 112 nu gebeld. "
        "U hoeft niet meer te bellen. Tot ziens."
    ),
    "voice.alert.bye": "Dit was het buurtpreventie-alarm. Tot ziens.",
    "voice.alert.machine": (
        "Dit is het buurtpreventie-alarm van {group}. Er is een nieuwe melding. "
        "Bel deze lijn terug om de laatste melding te horen."
    ),
    "voice.invite": (
        "Goedendag. U bent uitgenodigd voor de buurtpreventie van {group}, via Buurtlijn. "
        "De regels: u bent 18 jaar of ouder, en u woont of werkt in de buurt. Bij iets "
        "verdachts belt u eerst 112, en reageert u alleen als het veilig is. De lijn is alleen "
        "voor meldingen. Niet schelden of discrimineren. Beschrijf wat u ziet."
    ),
    "voice.invite.keys": "Om mee te doen, druk 1. Om niet mee te doen, druk 2.",
    "voice.invite.joined": (
        "Welkom bij de buurtpreventie van {group}. Bij een melding bellen we u. Tot ziens."
    ),
    "voice.invite.declined": "U doet niet mee met {group}. Dank u. Tot ziens.",
    "voice.invite.later": "We hebben geen antwoord gehoord. De beheerder belt u misschien nog eens. Tot ziens.",
    "voice.invite.machine": (
        "Dit is Buurtlijn. U bent uitgenodigd voor de buurtpreventie van {group}. "
        "De beheerder van de groep belt u nog."
    ),
    "voice.neighbour": "buur",
    "voice.neighbours": "buren",
    "voice.stay_safe": "Reageer alleen als het veilig is. Speel niet voor politie. Tot ziens.",
    "voice.invalid_key": "Die toets hoort niet bij deze vraag.",
    "voice.not_understood": "Dat heb ik niet goed verstaan.",
    "voice.no_input": "Ik heb niets gehoord.",
    "voice.give_up": "Er is niets verstuurd. Is er spoed? Bel dan 112.",
    "voice.resume_later": "Belt u binnen 10 minuten terug, dan gaat u verder met deze melding.",
    "voice.bye": "Tot ziens.",
    "voice.error": (
        "Sorry, er ging iets mis aan onze kant. Is er spoed? Bel dan 112. Tot ziens."
    ),
    "voice.status.yes": "112 is gebeld.",
    "voice.status.no": "112 is niet gebeld.",
    "voice.status.not_urgent": "Geen spoed.",
    "voice.category.person": "Verdacht persoon",
    "voice.category.vehicle": "Verdacht voertuig",
    "voice.category.burglary": "Inbraak of poging tot inbraak",
    "voice.category.other": "Iets anders",
    # A stranger hears the Dutch menu, then one line offering another language's menu.
    "voice.choose_language": "Voor Nederlands, druk {key}.",
    # --- The alert SMS: what members read ------------------------------------------------
    # Essentials first: group, time, category, location; then exactly one 112 phrase.
    "sms.alert.head": "Buurtpreventie {group} {time}: {category}, {location}.",
    "sms.alert.head_nowhere": "Buurtpreventie {group} {time}: {category}.",
    "sms.alert.status.yes": "112 IS GEBELD.",
    "sms.alert.status.no": "112 IS NIET GEBELD. Gebeld? Antwoord 112.",
    "sms.alert.status.not_urgent": "GEEN SPOED.",
    "sms.alert.safety": "Reageer alleen als het veilig is.",
    "sms.alert.safety_short": "Alleen veilig reageren.",
    "sms.category.person": "VERDACHT PERSOON",
    "sms.category.vehicle": "VERDACHT VOERTUIG",
    "sms.category.burglary": "INBRAAK (POGING)",
    "sms.category.other": "LET OP",
    "sms.redacted_number": "(nummer)",
    # To the group's admins, once per alert, when some members could not be reached.
    "sms.summary": (
        "Buurtlijn: de melding van {time} is bij {members} niet aangekomen ({reasons}). "
        "Controleer hun nummers."
    ),
    "sms.members_count.one": "{count} lid",
    "sms.members_count.other": "{count} leden",
    "sms.summary.reason.stop": "{count} afgemeld met STOP",
    "sms.summary.reason.invalid": "{count} ongeldig nummer",
    "sms.summary.reason.landline": "{count} vaste lijn",
    "sms.summary.reason.other": "{count} andere fout",
    # --- SMS replies ---------------------------------------------------------------------
    "sms.reply.stranger": (
        "Dit is Buurtlijn, de alarmlijn van buurtpreventie. Uw nummer is niet aangemeld "
        "bij een groep. Meedoen? Stuur MEEDOEN met uw postcode, naam en straat. Spoed? Bel 112. "
        "English? Send LANGUAGE EN."
    ),
    # --- The SMS channel ---------------------------------------------------------------
    "sms.error": "Sorry, er ging iets mis bij Buurtlijn. Spoed? Bel 112.",
    "sms.how_to_report": (
        "Deze lijn is alleen voor meldingen. Melden: stuur MELD met wat en waar u iets ziet, "
        "bijv. MELD man bij auto Molenstraat. Spoed? Bel eerst 112. Stuur HELP voor meer."
    ),
    "sms.ask_112": "Heeft u 112 gebeld? Antwoord 1 (ja), 2 (nee) of 3 (geen spoed).",
    "sms.ask_112_again": "Dat begrijp ik niet. Heeft u 112 gebeld? Antwoord 1 (ja), 2 (nee) of 3 (geen spoed).",
    "sms.ask_112_reminder": (
        "Buurtlijn: uw melding is nog niet verstuurd. Heeft u 112 gebeld? Antwoord 1 (ja), "
        "2 (nee) of 3 (geen spoed)."
    ),
    "sms.lapsed_notice": (
        "Buurtlijn: uw melding is NIET verstuurd, want er kwam geen antwoord. Spoed? Bel 112. "
        "Wilt u nog melden? Stuur opnieuw MELD met wat en waar."
    ),
    "sms.ask_where": "Waar is het? Stuur de straat, of een plek die de buren kennen.",
    "sms.ask_group": "U zit in meer dan één groep. Voor welke groep is uw melding? Antwoord {options}.",
    "sms.ask_group_again": "Dat begrijp ik niet. Voor welke groep? Antwoord {options}.",
    "sms.ask_alert": "Er zijn meer meldingen. Voor welke heeft u 112 gebeld? Antwoord {options}.",
    "sms.ask_alert_again": "Dat begrijp ik niet. Voor welke melding heeft u 112 gebeld? Antwoord {options}.",
    "sms.112.lapsed": "Die vraag is verlopen. Heeft u 112 gebeld? Stuur opnieuw 112.",
    "sms.meld_empty": "Wat ziet u, en waar? Stuur bijv.: MELD man met breekijzer bij Molenstraat 4",
    "sms.sent": "Verstuurd naar {count} buren. Reageer alleen als het veilig is.",
    "sms.sent_not_called": (
        "Bel nu 112! Uw melding is verstuurd naar {count} buren, met: 112 IS NIET GEBELD. "
        "Stuur 112 als u gebeld heeft."
    ),
    "sms.report_done": "Uw melding is al verwerkt. Spoed? Bel 112.",
    "sms.expired": "Uw melding is verlopen en niet verstuurd. Stuur opnieuw MELD met wat en waar.",
    "sms.rephrase": (
        "Uw melding is niet verstuurd: er staan woorden in die niet passen bij de regels van de "
        "groep. Beschrijf wat u ziet zonder scheldwoorden en stuur opnieuw MELD."
    ),
    "sms.photo": (
        "Foto's sturen we niet door. Een beschrijving helpt meer: man/vrouw, lengte, kleding, "
        "kenteken, richting. Stuur die tekst met MELD ervoor."
    ),
    "sms.limit": (
        "Er zijn het afgelopen uur al veel meldingen gedaan. Uw melding is niet verstuurd. "
        "Spoed? Bel 112."
    ),
    "sms.limit_member_admins": "Buurtlijn {group}: {who} heeft het maximum aantal meldingen per uur bereikt; nieuwe meldingen van dit lid worden even geweigerd.",
    "sms.limit_admins": "Buurtlijn {group}: het maximum aantal meldingen per uur is bereikt; nieuwe meldingen worden geweigerd.",
    "sms.112.notice": "Buurtpreventie {group}: 112 IS NU GEBELD voor de melding van {time}. U hoeft niet meer te bellen.",
    "sms.112.thanks": "Dank u. De groep hoort nu dat 112 is gebeld.",
    "sms.112.already": "Dank u. 112 was al gebeld voor deze melding.",
    "sms.112.none": "Er is geen melding van de laatste 2 uur. Wilt u iets melden? Stuur MELD met wat en waar.",
    "sms.opted_out": "U krijgt geen berichten meer van Buurtlijn. Weer meedoen? Stuur START.",
    "sms.opted_in": "Welkom terug. U krijgt weer de meldingen van {group}.",
    "sms.opted_in_none": "U bent niet afgemeld. Stuur HELP voor de mogelijkheden.",
    "sms.help.member": (
        "Buurtlijn: MELD wat en waar = melding doen. 112 = ik heb 112 gebeld. AFGEROND = uw "
        "melding is voorbij. STOP = afmelden. MIJN GEGEVENS, VERWIJDER MIJ. Spoed? Bel altijd eerst 112."
    ),
    "sms.help.admin": (
        "Beheer: LID nummer naam, VERWIJDER nummer, LEDEN, BEHEERDER nummer, BEHEERDER AF "
        "nummer, STATUS, TEST, BORD straat, AFGEROND (melding voorbij). Melden: MELD wat en waar. "
        "STOP = afmelden."
    ),
    "sms.not_admin": "Dit kan alleen een beheerder van de groep. Stuur HELP voor wat u wel kunt.",
    "sms.bad_phone": "Dat nummer begrijp ik niet. Voorbeeld: {example}",
    # Names SAAR without "App": the line warns the neighbours for the one who calls or texts.
    "sms.invite": (
        "{who} nodigt u uit voor buurtpreventie {group}. Verdacht? Bel eerst 112, meld het "
        "hier: wij waarschuwen de buren. Reageer alleen als het veilig is. Regels: 18+, "
        "buurtbewoner, alleen meldingen, niet schelden, geen foto's. "
        "Pas na uw JA krijgt u meldingen. Antwoord JA om mee te doen."
    ),
    "sms.invite_group": (
        "Buurtpreventie {group} nodigt u uit. Verdacht? Bel eerst 112, meld het "
        "hier: wij waarschuwen de buren. Reageer alleen als het veilig is. Regels: 18+, "
        "buurtbewoner, alleen meldingen, niet schelden, geen foto's. "
        "Pas na uw JA krijgt u meldingen. Antwoord JA om mee te doen."
    ),
    "sms.invite_again": (
        "U bent uitgenodigd voor buurtpreventie {group}. Pas na uw JA krijgt u meldingen. "
        "Antwoord JA om mee te doen, of NEE."
    ),
    "sms.invited": "{who} is uitgenodigd voor {group}. Pas na hun JA krijgen ze meldingen.",
    "sms.invited_voice": "{who} wordt gebeld met de uitnodiging voor {group}. Pas na een 1 op de telefoon krijgen ze meldingen.",
    "sms.already_member": "{number} is al lid van {group}.",
    "sms.already_invited": "{number} is al uitgenodigd. Ze moeten nog JA antwoorden.",
    "sms.destination_refused": "Buurtlijn belt en sms't alleen Nederlandse mobiele en vaste nummers.",
    "sms.destination_refused_countries": "Buurtlijn belt en sms't alleen mobiele en vaste nummers uit {countries}.",
    "sms.invite_cap": (
        "U heeft het maximum aantal uitnodigingen bereikt. Er gaan nu geen uitnodigingen meer uit; "
        "probeer het later opnieuw."
    ),
    "sms.test_cap": "U heeft het maximum aantal testberichten voor dit uur bereikt. Probeer het later opnieuw.",
    "sms.opted_in_number": "U kunt weer berichten van Buurtlijn krijgen. Stuur HELP voor de mogelijkheden.",
    "sms.joined": "Welkom bij buurtpreventie {group}. U krijgt nu de meldingen. Melden: bel deze lijn of stuur MELD. Spoed? Bel eerst 112.",
    "sms.declined": "U doet niet mee met {group}. Dank u voor uw antwoord.",
    "sms.no_invitation": "Er staat geen uitnodiging voor u klaar. Vraag de beheerder van uw buurtgroep.",
    "sms.removed": "{who} is uit {group} gehaald.",
    "sms.remove_self": (
        "Dit is uw eigen nummer. Wilt u zelf uit {group}? Stuur VERWIJDER {number} JA. "
        "Ook uw gegevens wissen? Stuur VERWIJDER MIJ."
    ),
    "sms.did_you_mean": "Bedoelt u {keyword}? Stuur het dan zo opnieuw. Er is niets gedaan. HELP geeft alle woorden.",
    "sms.group_welcome": (
        "Welkom bij Buurtlijn: u bent beheerder van buurtpreventie {group}. Nodig buren uit met "
        "LID nummer naam. Verder: LEDEN, STATUS, TEST, VERWIJDER nummer, BEHEERDER nummer. HELP geeft alles."
    ),
    "sms.admin_welcome": (
        "U bent nu beheerder van {group} (door {actor}). Beheer: LID nummer naam, VERWIJDER nummer, "
        "LEDEN, STATUS, TEST, BEHEERDER nummer. HELP geeft alles."
    ),
    "sms.admin_demoted": "U bent geen beheerder meer van {group} (door {actor}). U krijgt nog wel de meldingen.",
    "sms.already_admin": "{who} is al beheerder van {group}.",
    "sms.removed_notice": "U bent uit buurtpreventie {group} gehaald en krijgt geen meldingen meer.",
    "sms.not_in_group": "{number} is geen lid van {group}.",
    "sms.made_admin": "{who} is nu beheerder van {group}. Die krijgt een welkom met de beheerwoorden.",
    "sms.admin_removed": "{who} is geen beheerder meer van {group}.",
    "sms.not_active": "{number} is (nog) geen actief lid van {group}.",
    "sms.last_admin": "Dat kan niet: {group} moet minstens 1 beheerder houden. Maak eerst iemand anders beheerder.",
    "sms.members": "{group}: {active} actief, {invited} uitgenodigd, {opted_out} afgemeld. {names}",
    "sms.members_more": "Meer: stuur LEDEN {page}.",
    "sms.no_name": "(zonder naam)",
    "sms.status": "Laatste melding {time}: {category}, 112: {called}. SMS verstuurd {sent}, aangekomen {delivered}, mislukt {failed}.",
    "sms.status_expired": "Niet bezorgd omdat het langer dan {minutes} minuten zou duren: {expired}.",
    "sms.status_voice": "Gebeld {called}: bevestigd {confirmed}, antwoordapparaat {machine}, mislukt {failed}.",
    "sms.status_none": "Er is nog geen melding gedaan in {group}.",
    "sms.test": "TEST van Buurtlijn {group}: uw telefoon ontvangt de meldingen. U hoeft niets te doen.",
    "sms.test_queued": "Er komt zo een testbericht naar uw telefoon.",
    "sms.sign": "Het verzoek voor een buurtpreventiebord in {street} is bewaard voor de gemeente.",
    "sms.sign_empty": "Welke straat? Stuur bijv.: BORD Molenstraat",
    "sms.admin_change": "Buurtlijn {group}: {actor} {action} {target}.",
    "sms.operator": "de beheerder van Buurtlijn",
    "sms.operator_invited": (
        "Buurtlijn {group}: de beheerder van Buurtlijn heeft {count} {people} uitgenodigd. "
        "Pas na hun JA krijgen ze meldingen. LEDEN toont wie er al meedoet."
    ),
    "sms.person": "persoon",
    "sms.people": "personen",
    "sms.my_data": (
        "Buurtlijn bewaart: nummer {phone}, naam {name}, straat {street}, groep {groups}, "
        "lid sinds {since}, meldingen via {channel}, taal {language}, {reported} melding(en) door u gedaan. "
        "Meldingen bewaren we {days} dagen. Alles wissen: stuur VERWIJDER MIJ."
    ),
    "sms.erased": "Uw gegevens zijn gewist en u bent uit de groep. U krijgt geen berichten meer van Buurtlijn.",
    "sms.member_left": "Buurtlijn {group}: een lid heeft de groep verlaten.",
    "sms.language.name.nl": "Nederlands",
    "sms.language.name.en": "Engels",
    "sms.language.name.tr": "Turks",
    "sms.channel.sms": "sms",
    "sms.channel.voice": "telefoon",
    "sms.status.active": "actief",
    "sms.status.invited": "uitgenodigd",
    "sms.status.opted_out": "afgemeld",
    "sms.status.inactive": "uit de groep",
    "sms.called.yes": "gebeld",
    "sms.called.no": "niet gebeld",
    "sms.called.not_urgent": "geen spoed",
    "sms.masked_admins": "Buurtlijn {group}: in de melding van {time} zijn woorden weggelaten die niet passen bij de regels.",
    "sms.action.invited": "nodigde uit:",
    "sms.action.removed": "haalde uit de groep:",
    "sms.action.made_admin": "maakte beheerder:",
    "sms.action.admin_removed": "nam beheer af van:",
    # The all-clear (AFGEROND / OPGELOST / VOORBIJ, or key 1 after hearing the latest alert).
    "sms.all_clear": "Buurtpreventie {group}: melding van {time} ({category}, {location}) is AFGEROND.",
    "sms.all_clear_nowhere": "Buurtpreventie {group}: melding van {time} ({category}) is AFGEROND.",
    "sms.close.done.one": "Dank u. {count} buur hoort dat de melding is afgerond.",
    "sms.close.done.other": "Dank u. {count} buren horen dat de melding is afgerond.",
    "sms.close.done_nobody": "Dank u. De melding is afgerond.",
    "sms.close.already": "Die melding was al afgerond. Er is niets verstuurd.",
    "sms.close.none": "Er is geen open melding van de laatste 12 uur.",
    "sms.close.not_allowed": "Alleen wie de melding deed, of een beheerder van de groep, kan die afronden.",
    "sms.ask_close": "Er zijn meer meldingen. Welke is afgerond? Antwoord {options}.",
    "sms.ask_close_again": "Dat begrijp ik niet. Welke melding is afgerond? Antwoord {options}.",
    "sms.close.lapsed": "Die vraag is verlopen. Is het voorbij? Stuur opnieuw AFGEROND.",
    "sms.112.closed": "Die melding is al afgerond. Bel 112 alleen bij een nieuw noodgeval.",
    "sms.status_closed": "AFGEROND om {time}.",
    "voice.close_ask": "Is dit voorbij? Om de buren te laten weten dat het voorbij is, druk 1. Om terug te gaan, druk 2.",
    "voice.close_ask_short": "Voorbij: druk 1. Terug: druk 2.",
    "voice.closed.one": "Dank u. {count} buur hoort dat het voorbij is.",
    "voice.closed.other": "Dank u. {count} buren horen dat het voorbij is.",
    "voice.closed_nobody": "Dank u. De melding is afgerond.",
    "voice.closed_already": "Die melding was al afgerond.",
    "voice.latest_closed": "Deze melding is afgerond.",
    # Join requests: a resident who is in no group asks, by phone or SMS, with their postcode.
    "voice.join_offer": "Wilt u meedoen met de buurtpreventie in uw buurt? Druk 1.",
    "voice.join_postcode": "Toets de vier cijfers van uw postcode.",
    "voice.join_postcode_wrong": "Dat zijn niet de vier cijfers van een postcode.",
    "voice.join_choose": "Bij uw postcode horen meer groepen.",
    "voice.join_name": "Zeg uw naam en uw straat.",
    "voice.join_name_short": "Zeg uw naam en uw straat.",
    "voice.join_name_again": "Dat heb ik niet verstaan. Zeg alleen uw naam en uw straat.",
    "voice.join.sent": "Dank u. De beheerders van {group} krijgen uw verzoek en nemen contact met u op.",
    "voice.join.member": "Dit nummer is al lid van {group}.",
    "voice.join.invited": "Dit nummer is al uitgenodigd voor {group}. Antwoord JA op de uitnodiging.",
    "voice.join.again": "U heeft deze week al gevraagd om mee te doen. De beheerders nemen contact met u op.",
    "voice.join.full": "Er zijn vandaag al veel aanmeldingen voor {group}. Bel morgen nog eens.",
    "voice.join_none": (
        "Voor uw postcode is er nog geen buurtpreventiegroep op deze lijn. "
        "Vraag bij uw gemeente naar buurtpreventie in uw buurt."
    ),
    "sms.join.sent": "Dank u. De beheerders van {group} krijgen uw verzoek en nemen contact met u op. Daarna krijgt u een uitnodiging: antwoord dan JA.",
    "sms.join.member": "Dit nummer is al lid van {group}. Stuur HELP voor wat u kunt.",
    "sms.join.invited": "Dit nummer is al uitgenodigd voor {group}. Antwoord JA om mee te doen.",
    "sms.join.again": "U heeft deze week al gevraagd om mee te doen. De beheerders nemen contact met u op.",
    "sms.join.full": "Er zijn vandaag al veel aanmeldingen voor {group}. Probeer het morgen opnieuw.",
    "sms.join.none": "Voor postcode {postcode} is er nog geen buurtpreventiegroep op deze lijn. Vraag bij uw gemeente naar buurtpreventie in uw buurt.",
    "sms.join.choose": "Bij {postcode} horen meer groepen: {options}. Stuur MEEDOEN {postcode} met het nummer, uw naam en straat, bijv. MEEDOEN {postcode} 1 Jan Jansen, Dorpsstraat 4",
    "sms.join.how": "Stuur MEEDOEN met uw postcode, naam en straat, bijv. MEEDOEN 1234AB Jan Jansen, Dorpsstraat 4",
    "sms.join.admins": "Buurtlijn {group}: {name} ({street}, {phone}) wil meedoen. Uitnodigen? Stuur: {invite}",
    "sms.join.name_placeholder": "naam",
    # Quiet hours and night calls.
    "sms.held_until": "Door de nachtrust gaat de uitnodiging om {time} de deur uit.",
    "sms.night.off": "U wordt tussen {start} en {end} niet gebeld voor meldingen. Een SMS krijgt u wel. Weer bellen? Stuur NACHT AAN.",
    "sms.night.on": "U wordt weer gebeld voor meldingen, ook 's nachts. Niet 's nachts? Stuur NACHT UIT.",
    "sms.night.off_other": "{who} wordt tussen {start} en {end} niet gebeld voor meldingen. Ongedaan maken: NACHT AAN en het nummer.",
    "sms.night.on_other": "{who} wordt weer gebeld voor meldingen, ook 's nachts.",
    "sms.status_night": "Op eigen verzoek 's nachts niet gebeld: {night}.",
    # The member's language (TAAL / LANGUAGE), said in the new language.
    "sms.language.set": "Buurtlijn sms't en belt u vanaf nu in het Nederlands. English? Send TAAL EN. Türkce? TAAL TR gönderin.",
    "sms.language.which": "Welke taal? Stuur TAAL NL (Nederlands), TAAL EN (English) of TAAL TR (Türkce).",
}
