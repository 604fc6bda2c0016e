"""Every English word the line speaks or texts: the same keys and placeholders as nl.py.

SMS texts name the English form of every keyword (YES, REPORT, DONE, JOIN, NIGHT OFF, ADD,
REMOVE, LIST, SIGN, ...): the line reads them as it reads the Dutch ones.
"""

MESSAGES: dict[str, str] = {
    # --- The call: what the caller hears -------------------------------------------------
    "voice.welcome": "Hello. You have called Buurtlijn, the neighbourhood watch phone line.",
    "voice.unknown_caller": (
        "This phone number is not registered with a neighbourhood watch group. "
        "Is it an emergency? Then hang up and call 112."
    ),
    "voice.repeat_hint": "To hear it again, press star.",
    "voice.choose_group": "You are a member of more than one group. Which group are you calling for?",
    "voice.group_option": "For {group}, press {key}.",
    "voice.more_groups": "For the other groups, press {key}.",
    "voice.greeting": "Hello, neighbourhood watch {group}.",
    "voice.group_chosen": "Neighbourhood watch {group}.",
    "voice.resume_greeting": "Welcome back to neighbourhood watch {group}.",
    "voice.resume_cut_off": (
        "Welcome back to neighbourhood watch {group}. Your report from just now has not been sent yet. "
        "To go on, press 1. To start again, press 2."
    ),
    "voice.resume_short": "To go on, press 1. To start again, press 2.",
    "voice.alarmeer": "Have you called 112? Yes: press 1. Not yet: press 2. Not urgent: press 3.",
    "voice.alarmeer_short": "Called 112? Yes: 1. Not yet: 2. Not urgent: 3.",
    "voice.alarmeer_resumed": (
        "Have you called 112 now? Yes: press 1. Not yet: press 2. Not urgent: press 3."
    ),
    "voice.alarmeer_latest": "To hear the latest alert, press 4.",
    "voice.not_urgent": "For the police when it is not urgent, call 0900-8844.",
    "voice.call_112_first": (
        "Hang up now and call 112. Then call us back within 30 minutes, and we will go on. "
        "To warn the neighbours now anyway, without 112, press 1."
    ),
    "voice.call_112_bye": (
        "Hang up now and call 112. Then call us back, and we will go on with your report. Goodbye."
    ),
    "voice.what": "What do you see? A person: press 1. A vehicle: press 2. A burglary: press 3. Something else: press 4.",
    "voice.what_short": "Person: 1. Vehicle: 2. Burglary: 3. Something else: 4.",
    "voice.where": "Where is it? Say the street, or a place the neighbours know.",
    "voice.where_short": "Say the street.",
    "voice.where_own_street": "Where is it? Your street, {street}: press 1. Somewhere else: say where.",
    "voice.where_own_street_short": "Your street: press 1. Somewhere else: say where.",
    "voice.where_not_understood": "I did not hear a place. Say just the street or the place.",
    "voice.check_where": "I heard: {location}. Is that right? Yes: press 1. Say it again: press 2.",
    "voice.check_where_short": "{location}. Is that right? Yes: press 1. Again: press 2.",
    "voice.description": "Describe briefly what you see: clothes, number plate, direction.",
    "voice.description_short": "Describe briefly what you see. Nothing: press 1.",
    "voice.description_keys": "Nothing to describe: press 1.",
    "voice.hidden_caller": (
        "Your number is hidden, so we do not know which neighbourhood group you belong to. "
        "Call again with your number shown: first dial star 31 hash, and then our number. "
        "Is it an emergency? Then hang up and call 112. Goodbye."
    ),
    "voice.description_recorded": "We record this for neighbours without a mobile phone.",
    "voice.readback": "We will send: {category}, {location}.",
    "voice.confirm": "To send, press 1. To start again, press 2. To change the place, press 3.",
    "voice.readback_description": "Description: {description}.",
    "voice.start_over": "Let us start again.",
    "voice.sent": "Sent to {count} {neighbours}.",
    "voice.sent_call_112_now": "112 has not been called. Hang up now and call 112. Goodbye.",
    "voice.sent_nobody": (
        "Your report has been saved. There are no other members in your group to warn yet."
    ),
    "voice.limit": (
        "Many reports have been made in the last hour, so your report has not been sent. "
        "Is it an emergency? Then call 112. Goodbye."
    ),
    "voice.latest_none": "Your group has not had an alert yet.",
    "voice.latest_intro": "Your group's latest alert.",
    # --- Calls to members: an alert, or an invitation ---------------------------------
    "voice.alert.announce": (
        "Hello. This is the neighbourhood watch alert of {group}. Please listen calmly. There is a report."
    ),
    "voice.alert.body": "{category}. Where: {location}. At {time}.",
    "voice.alert.no_location": "see the description",
    "voice.alert.own_words": "The reporter's own words:",
    "voice.alert.keys": "Have you heard it? Then press 1. To hear it again, press 2.",
    "voice.alert.thanks": (
        "Thank you. Only respond if it is safe, and never act as the police. Goodbye."
    ),
    "voice.alert.called_112": (
        "This is the neighbourhood watch alert of {group}. For the report of {time}, 112 has now been called. "
        "You do not need to call any more. Goodbye."
    ),
    "voice.alert.bye": "This was the neighbourhood watch alert. Goodbye.",
    "voice.alert.machine": (
        "This is the neighbourhood watch alert of {group}. There is a new report. "
        "Call this line back to hear the latest alert."
    ),
    "voice.invite": (
        "Hello. You are invited to the neighbourhood watch of {group}, through Buurtlijn. "
        "The rules: you are 18 or older, and you live or work in the neighbourhood. If you see "
        "something suspicious, you call 112 first, and you only respond if it is safe. The line "
        "is for reports only. No swearing or discrimination. Describe what you see."
    ),
    "voice.invite.keys": "To join, press 1. Not to join, press 2.",
    "voice.invite.joined": (
        "Welcome to the neighbourhood watch of {group}. We will call you when there is a report. Goodbye."
    ),
    "voice.invite.declined": "You are not joining {group}. Thank you. Goodbye.",
    "voice.invite.later": "We did not hear an answer. The group's admin may call you again. Goodbye.",
    "voice.invite.machine": (
        "This is Buurtlijn. You are invited to the neighbourhood watch of {group}. "
        "The group's admin will call you."
    ),
    "voice.neighbour": "neighbour",
    "voice.neighbours": "neighbours",
    "voice.stay_safe": "Only respond if it is safe. Do not act as the police. Goodbye.",
    "voice.invalid_key": "That key is not one of the choices.",
    "voice.not_understood": "I did not understand that.",
    "voice.no_input": "I did not hear anything.",
    "voice.give_up": "Nothing has been sent. Is it an emergency? Then call 112.",
    "voice.resume_later": "If you call back within 10 minutes, you can go on with this report.",
    "voice.bye": "Goodbye.",
    "voice.error": (
        "Sorry, something went wrong on our side. Is it an emergency? Then call 112. Goodbye."
    ),
    "voice.status.yes": "112 has been called.",
    "voice.status.no": "112 has not been called.",
    "voice.status.not_urgent": "Not urgent.",
    "voice.category.person": "Suspicious person",
    "voice.category.vehicle": "Suspicious vehicle",
    "voice.category.burglary": "Burglary or attempted burglary",
    "voice.category.other": "Something else",
    # A stranger hears the Dutch menu, then this one line in English.
    "voice.choose_language": "For English, press {key}.",
    # --- The alert SMS: what members read ------------------------------------------------
    "sms.alert.head": "Neighbourhood watch {group} {time}: {category}, {location}.",
    "sms.alert.head_nowhere": "Neighbourhood watch {group} {time}: {category}.",
    "sms.alert.status.yes": "112 HAS BEEN CALLED.",
    "sms.alert.status.no": "112 HAS NOT BEEN CALLED. Called? Reply 112.",
    "sms.alert.status.not_urgent": "NOT URGENT.",
    "sms.alert.safety": "Only respond if it is safe.",
    "sms.alert.safety_short": "Respond only if safe.",
    "sms.category.person": "SUSPICIOUS PERSON",
    "sms.category.vehicle": "SUSPICIOUS VEHICLE",
    "sms.category.burglary": "BURGLARY (ATTEMPT)",
    "sms.category.other": "ATTENTION",
    "sms.redacted_number": "(number)",
    "sms.summary": (
        "Buurtlijn: the alert of {time} did not reach {members} ({reasons}). "
        "Please check their numbers."
    ),
    "sms.members_count.one": "{count} member",
    "sms.members_count.other": "{count} members",
    "sms.summary.reason.stop": "{count} opted out with STOP",
    "sms.summary.reason.invalid": "{count} invalid number",
    "sms.summary.reason.landline": "{count} landline",
    "sms.summary.reason.other": "{count} other error",
    # --- SMS replies ---------------------------------------------------------------------
    "sms.reply.stranger": (
        "This is Buurtlijn, the neighbourhood watch alert line. Your number is not registered "
        "with a group. To join, send JOIN with your postcode, name and street. Emergency? Call 112."
    ),
    # --- The SMS channel ---------------------------------------------------------------
    "sms.error": "Sorry, something went wrong at Buurtlijn. Emergency? Call 112.",
    "sms.how_to_report": (
        "This line is for reports only. To report, send REPORT with what and where you see "
        "something, e.g. REPORT man at car Molenstraat. Emergency? Call 112 first. Send HELP for more."
    ),
    "sms.ask_112": "Have you called 112? Reply 1 (yes), 2 (no) or 3 (not urgent).",
    "sms.ask_112_again": "I do not understand. Have you called 112? Reply 1 (yes), 2 (no) or 3 (not urgent).",
    "sms.ask_112_reminder": (
        "Buurtlijn: your report has not been sent yet. Have you called 112? Reply 1 (yes), "
        "2 (no) or 3 (not urgent)."
    ),
    "sms.lapsed_notice": (
        "Buurtlijn: your report was NOT sent, because no answer came. Emergency? Call 112. "
        "Still want to report? Send REPORT again with what and where."
    ),
    "sms.ask_where": "Where is it? Send the street, or a place the neighbours know.",
    "sms.ask_group": "You are in more than one group. Which group is your report for? Reply {options}.",
    "sms.ask_group_again": "I do not understand. Which group? Reply {options}.",
    "sms.ask_alert": "There are several alerts. Which one did you call 112 for? Reply {options}.",
    "sms.ask_alert_again": "I do not understand. Which alert did you call 112 for? Reply {options}.",
    "sms.112.lapsed": "That question has expired. Have you called 112? Send 112 again.",
    "sms.meld_empty": "What do you see, and where? Send e.g.: REPORT man with crowbar at Molenstraat 4",
    "sms.sent": "Sent to {count} neighbours. Only respond if it is safe.",
    "sms.sent_not_called": (
        "Call 112 now! Your report was sent to {count} neighbours, saying: 112 HAS NOT BEEN CALLED. "
        "Send 112 once you have called."
    ),
    "sms.report_done": "Your report has already been handled. Emergency? Call 112.",
    "sms.expired": "Your report has expired and was not sent. Send REPORT again with what and where.",
    "sms.rephrase": (
        "Your report was not sent: it has words that do not fit the group's rules. "
        "Describe what you see without swear words and send REPORT again."
    ),
    "sms.photo": (
        "We do not pass on photos. A description helps more: man/woman, height, clothes, "
        "number plate, direction. Send that text with REPORT in front."
    ),
    "sms.limit": (
        "Many reports have been made in the last hour. Your report was not sent. "
        "Emergency? Call 112."
    ),
    "sms.limit_member_admins": "Buurtlijn {group}: {who} has reached the most reports an hour; new reports from this member are refused for a while.",
    "sms.limit_admins": "Buurtlijn {group}: the most reports an hour has been reached; new reports are refused.",
    "sms.112.notice": "Neighbourhood watch {group}: 112 HAS NOW BEEN CALLED for the alert of {time}. You do not need to call.",
    "sms.112.thanks": "Thank you. The group now hears that 112 has been called.",
    "sms.112.already": "Thank you. 112 had already been called for this alert.",
    "sms.112.none": "There is no alert from the last 2 hours. Want to report something? Send REPORT with what and where.",
    "sms.opted_out": "You will get no more messages from Buurtlijn. To take part again, send START.",
    "sms.opted_in": "Welcome back. You get the alerts of {group} again.",
    "sms.opted_in_none": "You have not opted out. Send HELP to see what you can do.",
    "sms.help.member": (
        "Buurtlijn: REPORT what and where = make a report. 112 = I have called 112. DONE = your "
        "report is over. STOP = opt out. MY DATA, DELETE ME. NIGHT OFF. Emergency? Always call 112 first."
    ),
    "sms.help.admin": (
        "Admin: ADD number name, REMOVE number, LIST, ADMIN number, ADMIN OFF "
        "number, STATUS, TEST, SIGN street, DONE (alert over). Report: REPORT what and where. "
        "STOP = opt out."
    ),
    "sms.not_admin": "Only an admin of the group can do this. Send HELP for what you can do.",
    "sms.bad_phone": "I do not understand that number. Example: {example}",
    "sms.invite": (
        "{who} invites you to neighbourhood watch {group}. Suspicious? Call 112 first, report it "
        "here: we warn the neighbours. Only respond if it is safe. Rules: 18+, live here, "
        "alerts only, no swearing, no photos. You get alerts only after your YES. Reply YES to join."
    ),
    "sms.invite_group": (
        "Neighbourhood watch {group} invites you. Suspicious? Call 112 first, report it "
        "here: we warn the neighbours. Only respond if it is safe. Rules: 18+, live here, "
        "alerts only, no swearing, no photos. You get alerts only after your YES. Reply YES to join."
    ),
    "sms.invite_again": (
        "You are invited to neighbourhood watch {group}. You get alerts only after your YES. "
        "Reply YES to join, or NO."
    ),
    "sms.invited": "{who} is invited to {group}. They get alerts only after their YES.",
    "sms.invited_voice": "{who} will be called with the invitation to {group}. They get alerts only after pressing 1 on the phone.",
    "sms.already_member": "{number} is already a member of {group}.",
    "sms.already_invited": "{number} is already invited. They still have to reply YES.",
    "sms.destination_refused": "Buurtlijn only calls and texts Dutch mobile and landline numbers.",
    "sms.destination_refused_countries": "Buurtlijn only calls and texts mobile and landline numbers from {countries}.",
    "sms.invite_cap": (
        "You have reached the most invitations. No more invitations go out now; "
        "please try again later."
    ),
    "sms.test_cap": "You have reached the most test messages for this hour. Please try again later.",
    "sms.opted_in_number": "You can get messages from Buurtlijn again. Send HELP to see what you can do.",
    "sms.joined": "Welcome to neighbourhood watch {group}. You now get the alerts. To report: call this line or send REPORT. Emergency? Call 112 first.",
    "sms.declined": "You are not joining {group}. Thank you for your answer.",
    "sms.no_invitation": "There is no invitation waiting for you. Ask the admin of your neighbourhood group.",
    "sms.removed": "{who} has been taken out of {group}.",
    "sms.remove_self": (
        "This is your own number. Do you want to leave {group} yourself? Send REMOVE {number} YES. "
        "Erase your data too? Send DELETE ME."
    ),
    "sms.did_you_mean": "Did you mean {keyword}? Then send it like that again. Nothing was done. HELP lists all words.",
    "sms.group_welcome": (
        "Welcome to Buurtlijn: you are the admin of neighbourhood watch {group}. Invite neighbours "
        "with ADD number name. Also: LIST, STATUS, TEST, REMOVE number, ADMIN number. HELP lists all."
    ),
    "sms.admin_welcome": (
        "You are now an admin of {group} (by {actor}). Admin: ADD number name, REMOVE number, "
        "LIST, STATUS, TEST, ADMIN number. HELP lists all."
    ),
    "sms.admin_demoted": "You are no longer an admin of {group} (by {actor}). You still get the alerts.",
    "sms.already_admin": "{who} is already an admin of {group}.",
    "sms.removed_notice": "You have been taken out of neighbourhood watch {group} and get no more alerts.",
    "sms.not_in_group": "{number} is not a member of {group}.",
    "sms.made_admin": "{who} is now an admin of {group}. They get a welcome with the admin words.",
    "sms.admin_removed": "{who} is no longer an admin of {group}.",
    "sms.not_active": "{number} is not an active member of {group} (yet).",
    "sms.last_admin": "That is not possible: {group} must keep at least 1 admin. Make someone else admin first.",
    "sms.members": "{group}: {active} active, {invited} invited, {opted_out} opted out. {names}",
    "sms.members_more": "More: send LIST {page}.",
    "sms.no_name": "(no name)",
    "sms.status": "Latest alert {time}: {category}, 112: {called}. SMS sent {sent}, delivered {delivered}, failed {failed}.",
    "sms.status_expired": "Not delivered because it would take longer than {minutes} minutes: {expired}.",
    "sms.status_voice": "Called {called}: confirmed {confirmed}, answering machine {machine}, failed {failed}.",
    "sms.status_none": "{group} has not had an alert yet.",
    "sms.test": "TEST from Buurtlijn {group}: your phone receives the alerts. You do not need to do anything.",
    "sms.test_queued": "A test message is on its way to your phone.",
    "sms.sign": "The request for a neighbourhood watch sign in {street} is saved for the municipality.",
    "sms.sign_empty": "Which street? Send e.g.: SIGN Molenstraat",
    "sms.admin_change": "Buurtlijn {group}: {actor} {action} {target}.",
    "sms.operator": "the Buurtlijn operator",
    "sms.operator_invited": (
        "Buurtlijn {group}: the Buurtlijn operator has invited {count} {people}. "
        "They get alerts only after their YES. LIST shows who has joined."
    ),
    "sms.person": "person",
    "sms.people": "people",
    "sms.my_data": (
        "Buurtlijn stores: number {phone}, name {name}, street {street}, group {groups}, "
        "member since {since}, alerts by {channel}, language {language}, {reported} report(s) made by you. "
        "We keep reports {days} days. To erase everything: send DELETE ME."
    ),
    "sms.erased": "Your data has been erased and you have left the group. You get no more messages from Buurtlijn.",
    "sms.member_left": "Buurtlijn {group}: a member has left the group.",
    "sms.language.name.nl": "Dutch",
    "sms.language.name.en": "English",
    "sms.language.name.tr": "Turkish",
    "sms.channel.sms": "sms",
    "sms.channel.voice": "phone",
    "sms.status.active": "active",
    "sms.status.invited": "invited",
    "sms.status.opted_out": "opted out",
    "sms.status.inactive": "left the group",
    "sms.called.yes": "called",
    "sms.called.no": "not called",
    "sms.called.not_urgent": "not urgent",
    "sms.masked_admins": "Buurtlijn {group}: words that do not fit the rules were left out of the alert of {time}.",
    "sms.action.invited": "invited:",
    "sms.action.removed": "took out of the group:",
    "sms.action.made_admin": "made admin:",
    "sms.action.admin_removed": "took admin rights from:",
    # The all-clear (DONE, AFGEROND, or key 1 after hearing the latest alert).
    "sms.all_clear": "Neighbourhood watch {group}: the alert of {time} ({category}, {location}) is OVER.",
    "sms.all_clear_nowhere": "Neighbourhood watch {group}: the alert of {time} ({category}) is OVER.",
    "sms.close.done.one": "Thank you. {count} neighbour hears that the alert is over.",
    "sms.close.done.other": "Thank you. {count} neighbours hear that the alert is over.",
    "sms.close.done_nobody": "Thank you. The alert is closed.",
    "sms.close.already": "That alert was already closed. Nothing was sent.",
    "sms.close.none": "There is no open alert from the last 12 hours.",
    "sms.close.not_allowed": "Only the one who made the report, or an admin of the group, can close it.",
    "sms.ask_close": "There are several alerts. Which one is over? Reply {options}.",
    "sms.ask_close_again": "I do not understand. Which alert is over? Reply {options}.",
    "sms.close.lapsed": "That question has expired. Is it over? Send DONE again.",
    "sms.112.closed": "That alert is already closed. Only call 112 for a new emergency.",
    "sms.status_closed": "CLOSED at {time}.",
    "voice.close_ask": "Is this over? To let the neighbours know it is over, press 1. To go back, press 2.",
    "voice.close_ask_short": "Over: press 1. Back: press 2.",
    "voice.closed.one": "Thank you. {count} neighbour hears that it is over.",
    "voice.closed.other": "Thank you. {count} neighbours hear that it is over.",
    "voice.closed_nobody": "Thank you. The alert is closed.",
    "voice.closed_already": "That alert was already closed.",
    "voice.latest_closed": "This alert is closed.",
    # Join requests: a resident who is in no group asks, by phone or SMS, with their postcode.
    "voice.join_offer": "Would you like to join the neighbourhood watch in your area? Press 1.",
    "voice.join_postcode": "Key in the four digits of your postcode.",
    "voice.join_postcode_wrong": "Those are not the four digits of a postcode.",
    "voice.join_choose": "There is more than one group for your postcode.",
    "voice.join_name": "Say your name and your street.",
    "voice.join_name_short": "Say your name and your street.",
    "voice.join_name_again": "I did not catch that. Say just your name and your street.",
    "voice.join.sent": "Thank you. The admins of {group} get your request and will contact you.",
    "voice.join.member": "This number is already a member of {group}.",
    "voice.join.invited": "This number is already invited to {group}. Reply YES to the invitation.",
    "voice.join.again": "You already asked to join this week. The admins will contact you.",
    "voice.join.full": "There have been many requests for {group} today. Please call again tomorrow.",
    "voice.join_none": (
        "There is no neighbourhood watch group on this line for your postcode yet. "
        "Ask your municipality about neighbourhood watch in your area."
    ),
    "sms.join.sent": "Thank you. The admins of {group} get your request and will contact you. Then you get an invitation: reply YES to it.",
    "sms.join.member": "This number is already a member of {group}. Send HELP to see what you can do.",
    "sms.join.invited": "This number is already invited to {group}. Reply YES to join.",
    "sms.join.again": "You already asked to join this week. The admins will contact you.",
    "sms.join.full": "There have been many requests for {group} today. Please try again tomorrow.",
    "sms.join.none": "There is no neighbourhood watch group on this line for postcode {postcode} yet. Ask your municipality about neighbourhood watch in your area.",
    "sms.join.choose": "There is more than one group for {postcode}: {options}. Send JOIN {postcode} with the number, your name and street, e.g. JOIN {postcode} 1 Jan Jansen, Dorpsstraat 4",
    "sms.join.how": "Send JOIN with your postcode, name and street, e.g. JOIN 1234AB Jan Jansen, Dorpsstraat 4",
    "sms.join.admins": "Buurtlijn {group}: {name} ({street}, {phone}) wants to join. Invite? Send: {invite}",
    "sms.join.name_placeholder": "name",
    # Quiet hours and night calls.
    "sms.held_until": "Because of the night's rest, the invitation goes out at {time}.",
    "sms.night.off": "You will not be called for alerts between {start} and {end}. You still get an SMS. Calls again? Send NIGHT ON.",
    "sms.night.on": "You will be called for alerts again, at night too. Not at night? Send NIGHT OFF.",
    "sms.night.off_other": "{who} will not be called for alerts between {start} and {end}. To undo: NIGHT ON and the number.",
    "sms.night.on_other": "{who} will be called for alerts again, at night too.",
    "sms.status_night": "Not called at night at their own request: {night}.",
    # The member's language (TAAL / LANGUAGE), said in the new language.
    "sms.language.set": "Buurtlijn will text and call you in English from now on. Nederlands? Send TAAL NL. Turkce? Send TAAL TR.",
    "sms.language.which": "Which language? Send LANGUAGE NL (Nederlands), LANGUAGE EN (English) or LANGUAGE TR (Turkce).",
}
