"""Every Dutch word the line speaks or texts. Short sentences; the function before the key."""

MESSAGES: dict[str, str] = {
    # --- The call: what the caller hears -------------------------------------------------
    "voice.welcome": "Goedendag. U belt met Buurtlijn, de telefoonlijn van de buurtpreventie.",
    "voice.unknown_caller": (
        "Dit telefoonnummer is niet aangemeld bij een buurtpreventiegroep. "
        "Is er nu spoed? Hang dan op en bel 112. "
        "Wilt u meedoen? Vraag dan de beheerder van uw buurtgroep om u aan te melden. "
        "Tot ziens."
    ),
    "voice.repeat_hint": "Wilt u een vraag nog eens horen? Druk dan op het sterretje.",
    "voice.choose_group": "U bent lid van meer dan een groep. Voor welke groep belt u?",
    "voice.group_option": "Voor {group}, druk {key}.",
    "voice.more_groups": "Voor de andere groepen, druk {key}.",
    "voice.greeting": "U bent verbonden met de buurtpreventie van {group}.",
    "voice.resume_greeting": (
        "Welkom terug bij de buurtpreventie van {group}. "
        "We hebben uw melding van zojuist bewaard."
    ),
    "voice.alarmeer": (
        "Eerst een vraag over 112. Heeft u 112 al gebeld? "
        "Als u 112 heeft gebeld, druk 1. "
        "Als u 112 nog niet heeft gebeld, druk 2. "
        "Als er geen spoed is, druk 3."
    ),
    "voice.alarmeer_resumed": (
        "Heeft u nu 112 gebeld? "
        "Als u 112 heeft gebeld, druk 1. "
        "Als u 112 nog niet heeft gebeld, druk 2. "
        "Als er geen spoed is, druk 3."
    ),
    "voice.not_urgent": (
        "Geen spoed. De politie zonder spoed belt u op 0900-8844. "
        "We helpen u nu om uw buren te waarschuwen."
    ),
    "voice.call_112_first": (
        "Bel eerst 112. Hang nu op en bel 112. "
        "Bel ons daarna terug. We bewaren uw melding 30 minuten. "
        "Om de buren nu toch te waarschuwen, zonder dat 112 is gebeld, druk 1."
    ),
    "voice.call_112_bye": (
        "Hang nu op en bel 112. "
        "Bel ons daarna terug, dan gaan we verder met uw melding. Tot ziens."
    ),
    "voice.what": (
        "Wat ziet u? "
        "Voor een verdacht persoon, druk 1. "
        "Voor een verdacht voertuig, druk 2. "
        "Voor een inbraak of een poging tot inbraak, druk 3. "
        "Voor iets anders, druk 4."
    ),
    "voice.where": "Waar is het? Zeg de straat, of een plek die de buren kennen.",
    "voice.where_own_street": "Voor uw eigen straat, {street}, druk 1.",
    "voice.description": (
        "Beschrijf nu wat u ziet. Zeg bijvoorbeeld: man of vrouw, leeftijd, lengte, "
        "kleding, het voertuig en het kenteken, en de richting. "
        "Spreek rustig, en zwijg even als u klaar bent. "
        "Als u niets kunt beschrijven, druk 1."
    ),
    "voice.readback": "Dit sturen we naar uw buren. {category}. Waar: {location}.",
    "voice.readback_description": "Signalement: {description}.",
    "voice.confirm": "Om dit te versturen, druk 1. Om opnieuw te beginnen, druk 2.",
    "voice.start_over": "We beginnen opnieuw.",
    "voice.sent": "Uw melding is verstuurd. We waarschuwen nu {count} {neighbours}.",
    "voice.sent_nobody": (
        "Uw melding is bewaard. Er zijn nog geen andere leden met een mobiel nummer "
        "in uw groep om te waarschuwen."
    ),
    "voice.neighbour": "buur",
    "voice.neighbours": "buren",
    "voice.stay_safe": (
        "Reageer alleen als het veilig is. Speel nooit voor politie. "
        "Bedankt voor uw melding. Tot ziens."
    ),
    "voice.invalid_key": "Die toets hoort niet bij deze vraag.",
    "voice.not_understood": "Dat heb ik niet goed verstaan.",
    "voice.no_input": "Ik heb niets gehoord.",
    "voice.give_up": "Er is niets verstuurd. Is er spoed? Bel dan 112. Tot ziens.",
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
    # --- The alert SMS: what members read ------------------------------------------------
    # Essentials first: group, time, category, location; then exactly one 112 phrase.
    "sms.alert.head": "Buurtpreventie {group} {time}: {category}, {location}.",
    "sms.alert.status.yes": "112 IS GEBELD.",
    "sms.alert.status.no": "112 IS NIET GEBELD.",
    "sms.alert.status.not_urgent": "GEEN SPOED.",
    "sms.alert.safety": "Reageer alleen als het veilig is.",
    "sms.category.person": "VERDACHT PERSOON",
    "sms.category.vehicle": "VERDACHT VOERTUIG",
    "sms.category.burglary": "INBRAAK (POGING)",
    "sms.category.other": "LET OP",
    "sms.redacted_number": "(nummer)",
    # To the group's admins, once per alert, when some members could not be reached.
    "sms.summary": (
        "Buurtlijn: de melding van {time} is bij {count} leden niet aangekomen ({reasons}). "
        "Controleer hun nummers."
    ),
    "sms.summary.reason.stop": "{count} afgemeld met STOP",
    "sms.summary.reason.invalid": "{count} ongeldig nummer",
    "sms.summary.reason.landline": "{count} vaste lijn",
    "sms.summary.reason.other": "{count} andere fout",
    # --- SMS replies ---------------------------------------------------------------------
    "sms.reply.stranger": (
        "Dit is Buurtlijn, de alarmlijn van buurtpreventie. Uw nummer is niet aangemeld "
        "bij een groep: vraag de beheerder van uw buurtgroep. Spoed? Bel 112."
    ),
    "sms.reply.member": (
        "Buurtlijn {group}: bel dit nummer om uw buren te waarschuwen. Spoed? Bel eerst "
        "112. Deze lijn is alleen voor meldingen."
    ),
}
