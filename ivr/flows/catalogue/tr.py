"""Every Turkish word the line speaks or texts: the same keys and placeholders as nl.py.

Spoken lines keep every Turkish letter (the voice needs them to pronounce the words). SMS texts
are written the same way and turned into GSM-7 here, once: ö and ü stay, ş->s, ğ->g, ı->i,
İ->I, ç->c, Ç->C. Keywords stay the Dutch ones (MELD, JA, AFGEROND, ...): the line reads them
from everyone, and EVET / HAYIR answer an invitation too.
"""
from ivr.flows import gsm

_WORDS: dict[str, str] = {
    # --- The call: what the caller hears -------------------------------------------------
    "voice.welcome": "İyi günler. Buurtlijn'i aradınız, mahalle nöbetinin telefon hattı.",
    "voice.unknown_caller": (
        "Bu telefon numarası bir mahalle nöbeti grubuna kayıtlı değil. "
        "Acil bir durum mu var? O zaman kapatın ve 112'yi arayın."
    ),
    "voice.repeat_hint": "Tekrar dinlemek için yıldız tuşuna basın.",
    "voice.choose_group": "Birden fazla grubun üyesisiniz. Hangi grup için arıyorsunuz?",
    "voice.group_option": "{group} için {key} tuşuna basın.",
    "voice.more_groups": "Diğer gruplar için {key} tuşuna basın.",
    "voice.greeting": "İyi günler, mahalle nöbeti {group}.",
    "voice.group_chosen": "Mahalle nöbeti {group}.",
    "voice.resume_greeting": "Mahalle nöbeti {group} hattına tekrar hoş geldiniz.",
    "voice.resume_cut_off": (
        "Mahalle nöbeti {group} hattına tekrar hoş geldiniz. Az önceki ihbarınız henüz gönderilmedi. "
        "Devam etmek için 1'e basın. Baştan başlamak için 2'ye basın."
    ),
    "voice.resume_short": "Devam etmek için 1'e basın. Baştan başlamak için 2'ye basın.",
    "voice.alarmeer": "112'yi aradınız mı? Evet: 1'e basın. Henüz değil: 2'ye basın. Acil değil: 3'e basın.",
    "voice.alarmeer_short": "112 arandı mı? Evet: 1. Henüz değil: 2. Acil değil: 3.",
    "voice.alarmeer_resumed": (
        "Şimdi 112'yi aradınız mı? Evet: 1'e basın. Henüz değil: 2'ye basın. Acil değil: 3'e basın."
    ),
    "voice.alarmeer_latest": "Son ihbarı dinlemek için 4'e basın.",
    "voice.not_urgent": "Acil olmayan durumlarda polis için 0900-8844 numarasını arayın.",
    "voice.call_112_first": (
        "Şimdi kapatın ve 112'yi arayın. Sonra 30 dakika içinde bizi tekrar arayın, devam ederiz. "
        "112 olmadan şimdi yine de komşuları uyarmak için 1'e basın."
    ),
    "voice.call_112_bye": (
        "Şimdi kapatın ve 112'yi arayın. Sonra bizi tekrar arayın, ihbarınıza devam ederiz. Hoşça kalın."
    ),
    "voice.what": (
        "Ne görüyorsunuz? Bir kişi: 1'e basın. Bir araç: 2'ye basın. Hırsızlık: 3'e basın. "
        "Başka bir şey: 4'e basın."
    ),
    "voice.what_short": "Kişi: 1. Araç: 2. Hırsızlık: 3. Başka bir şey: 4.",
    "voice.where": "Nerede? Sokağın adını ya da komşuların bildiği bir yeri söyleyin.",
    "voice.where_short": "Sokağın adını söyleyin.",
    "voice.where_own_street": "Nerede? Kendi sokağınız, {street}: 1'e basın. Başka bir yer: nerede olduğunu söyleyin.",
    "voice.where_own_street_short": "Kendi sokağınız: 1'e basın. Başka bir yer: söyleyin.",
    "voice.where_not_understood": "Bir yer duyamadım. Sadece sokağı ya da yeri söyleyin.",
    "voice.check_where": "Şunu duydum: {location}. Doğru mu? Evet: 1'e basın. Tekrar söylemek için 2'ye basın.",
    "voice.check_where_short": "{location}. Doğru mu? Evet: 1'e basın. Tekrar: 2'ye basın.",
    "voice.description": "Gördüğünüzü kısaca anlatın: kıyafet, plaka, yön.",
    "voice.description_short": "Gördüğünüzü kısaca anlatın. Bir şey yoksa 1'e basın.",
    "voice.description_keys": "Anlatacak bir şey yoksa 1'e basın.",
    "voice.hidden_caller": (
        "Numaranız gizli. Bu yüzden hangi mahalle grubuna ait olduğunuzu bilemiyoruz. "
        "Numaranız görünür olarak tekrar arayın: önce yıldız 31 kare, sonra numaramızı tuşlayın. "
        "Acil bir durum mu var? O zaman kapatın ve 112'yi arayın. Hoşça kalın."
    ),
    "voice.description_recorded": "Cep telefonu olmayan komşular için bunu kaydediyoruz.",
    "voice.readback": "Şunu göndereceğiz: {category}, {location}.",
    "voice.confirm": "Göndermek için 1'e basın. Baştan başlamak için 2'ye basın. Yeri değiştirmek için 3'e basın.",
    "voice.readback_description": "Tarif: {description}.",
    "voice.start_over": "Baştan başlıyoruz.",
    "voice.sent": "{count} {neighbours} gönderildi.",
    "voice.sent_call_112_now": "112 aranmadı. Şimdi kapatın ve 112'yi arayın. Hoşça kalın.",
    "voice.sent_nobody": "İhbarınız kaydedildi. Grubunuzda henüz uyarılacak başka üye yok.",
    "voice.limit": (
        "Son bir saatte çok sayıda ihbar yapıldı. Bu yüzden ihbarınız gönderilmedi. "
        "Acil bir durum mu var? O zaman 112'yi arayın. Hoşça kalın."
    ),
    "voice.latest_none": "Grubunuzda henüz bir ihbar yapılmadı.",
    "voice.latest_intro": "Grubunuzun son ihbarı.",
    # --- Calls to members: an alert, or an invitation ---------------------------------
    "voice.alert.announce": (
        "İyi günler. Bu, {group} mahalle nöbetinin alarmıdır. Lütfen sakince dinleyin. Bir ihbar var."
    ),
    "voice.alert.body": "{category}. Nerede: {location}. Saat {time}.",
    "voice.alert.no_location": "tarife bakın",
    "voice.alert.own_words": "İhbarı yapanın kendi sözleri:",
    "voice.alert.keys": "Duydunuz mu? O zaman 1'e basın. Tekrar dinlemek için 2'ye basın.",
    "voice.alert.thanks": (
        "Teşekkürler. Sadece güvenliyse müdahale edin, ve asla polislik yapmayın. Hoşça kalın."
    ),
    "voice.alert.called_112": (
        "Bu, {group} mahalle nöbetinin alarmıdır. Saat {time} ihbarı için artık 112 arandı. "
        "Sizin aramanıza gerek yok. Hoşça kalın."
    ),
    "voice.alert.bye": "Mahalle nöbeti alarmı buydu. Hoşça kalın.",
    "voice.alert.machine": (
        "Bu, {group} mahalle nöbetinin alarmıdır. Yeni bir ihbar var. "
        "Son ihbarı dinlemek için bu hattı geri arayın."
    ),
    "voice.invite": (
        "İyi günler. Buurtlijn üzerinden {group} mahalle nöbetine davet edildiniz. "
        "Kurallar: 18 yaşında veya daha büyüksünüz, ve mahallede oturuyor ya da çalışıyorsunuz. "
        "Şüpheli bir şey görürseniz önce 112'yi ararsınız, ve sadece güvenliyse müdahale edersiniz. "
        "Hat sadece ihbarlar içindir. Küfür ve ayrımcılık yok. Gördüğünüzü anlatın."
    ),
    "voice.invite.keys": "Katılmak için 1'e basın. Katılmamak için 2'ye basın.",
    "voice.invite.joined": (
        "{group} mahalle nöbetine hoş geldiniz. Bir ihbar olduğunda sizi arayacağız. Hoşça kalın."
    ),
    "voice.invite.declined": "{group} grubuna katılmıyorsunuz. Teşekkürler. Hoşça kalın.",
    "voice.invite.later": "Bir cevap duymadık. Grubun yöneticisi sizi belki tekrar arar. Hoşça kalın.",
    "voice.invite.machine": (
        "Burası Buurtlijn. {group} mahalle nöbetine davet edildiniz. Grubun yöneticisi sizi arayacak."
    ),
    # Turkish counts without a plural: "1 komşuya", "5 komşuya".
    "voice.neighbour": "komşuya",
    "voice.neighbours": "komşuya",
    "voice.stay_safe": "Sadece güvenliyse müdahale edin. Polislik yapmayın. Hoşça kalın.",
    "voice.invalid_key": "Bu tuş bu soruya ait değil.",
    "voice.not_understood": "Bunu iyi anlayamadım.",
    "voice.no_input": "Hiçbir şey duymadım.",
    "voice.give_up": "Hiçbir şey gönderilmedi. Acil bir durum mu var? O zaman 112'yi arayın.",
    "voice.resume_later": "10 dakika içinde tekrar ararsanız bu ihbara devam edebilirsiniz.",
    "voice.bye": "Hoşça kalın.",
    "voice.error": (
        "Özür dileriz, bizim tarafımızda bir sorun oluştu. Acil bir durum mu var? "
        "O zaman 112'yi arayın. Hoşça kalın."
    ),
    "voice.status.yes": "112 arandı.",
    "voice.status.no": "112 aranmadı.",
    "voice.status.not_urgent": "Acil değil.",
    "voice.category.person": "Şüpheli kişi",
    "voice.category.vehicle": "Şüpheli araç",
    "voice.category.burglary": "Hırsızlık ya da hırsızlık girişimi",
    "voice.category.other": "Başka bir şey",
    "voice.choose_language": "Türkçe için {key} tuşuna basın.",
    # --- The alert SMS: what members read ------------------------------------------------
    "sms.alert.head": "Mahalle nöbeti {group} {time}: {category}, {location}.",
    "sms.alert.head_nowhere": "Mahalle nöbeti {group} {time}: {category}.",
    "sms.alert.status.yes": "112 ARANDI.",
    "sms.alert.status.no": "112 ARANMADI. Aradınız mı? 112 yazın.",
    "sms.alert.status.not_urgent": "ACIL DEGIL.",
    "sms.alert.safety": "Sadece güvenliyse müdahale edin.",
    "sms.alert.safety_short": "Sadece güvenliyse.",
    "sms.category.person": "ŞÜPHELİ KİŞİ",
    "sms.category.vehicle": "ŞÜPHELİ ARAÇ",
    "sms.category.burglary": "HIRSIZLIK (GİRİŞİM)",
    "sms.category.other": "DİKKAT",
    "sms.redacted_number": "(numara)",
    "sms.summary": (
        "Buurtlijn: saat {time} ihbarı {members} ulaşmadı ({reasons}). Numaralarını kontrol edin."
    ),
    "sms.members_count.one": "{count} üyeye",
    "sms.members_count.other": "{count} üyeye",
    "sms.summary.reason.stop": "{count} STOP ile ayrıldı",
    "sms.summary.reason.invalid": "{count} geçersiz numara",
    "sms.summary.reason.landline": "{count} sabit hat",
    "sms.summary.reason.other": "{count} başka hata",
    # --- SMS replies ---------------------------------------------------------------------
    "sms.reply.stranger": (
        "Burası Buurtlijn, mahalle nöbetinin alarm hattı. Numaranız bir gruba kayıtlı değil. "
        "Katılmak için posta kodunuz, adınız ve sokağınızla MEEDOEN gönderin. Acil mi? 112'yi arayın. "
        "English? Send LANGUAGE EN."
    ),
    # --- The SMS channel ---------------------------------------------------------------
    "sms.error": "Özür dileriz, Buurtlijn'de bir sorun oluştu. Acil mi? 112'yi arayın.",
    "sms.how_to_report": (
        "Bu hat sadece ihbarlar içindir. İhbar için MELD ile ne ve nerede gördüğünüzü gönderin, "
        "örn. MELD arabanın yanında adam Molenstraat. Acil mi? Önce 112'yi arayın. Daha fazlası: HELP."
    ),
    "sms.ask_112": "112'yi aradınız mı? 1 (evet), 2 (hayır) ya da 3 (acil değil) yazın.",
    "sms.ask_112_again": "Anlamadım. 112'yi aradınız mı? 1 (evet), 2 (hayır) ya da 3 (acil değil) yazın.",
    "sms.ask_112_reminder": (
        "Buurtlijn: ihbarınız henüz gönderilmedi. 112'yi aradınız mı? 1 (evet), 2 (hayır) "
        "ya da 3 (acil değil) yazın."
    ),
    "sms.lapsed_notice": (
        "Buurtlijn: cevap gelmediği için ihbarınız GÖNDERİLMEDİ. Acil mi? 112'yi arayın. "
        "Yine de ihbar etmek mi istiyorsunuz? Ne ve nerede ile tekrar MELD gönderin."
    ),
    "sms.ask_where": "Nerede? Sokağı ya da komşuların bildiği bir yeri gönderin.",
    "sms.ask_group": "Birden fazla gruptasınız. İhbarınız hangi grup için? {options} yazın.",
    "sms.ask_group_again": "Anlamadım. Hangi grup? {options} yazın.",
    "sms.ask_alert": "Birden fazla ihbar var. Hangisi için 112'yi aradınız? {options} yazın.",
    "sms.ask_alert_again": "Anlamadım. Hangi ihbar için 112'yi aradınız? {options} yazın.",
    "sms.112.lapsed": "Bu sorunun süresi doldu. 112'yi aradınız mı? Tekrar 112 gönderin.",
    "sms.meld_empty": "Ne görüyorsunuz, ve nerede? Örneğin: MELD Molenstraat 4 önünde levyeli adam",
    "sms.sent": "{count} komşuya gönderildi. Sadece güvenliyse müdahale edin.",
    "sms.sent_not_called": (
        "Şimdi 112'yi arayın! İhbarınız {count} komşuya şu notla gönderildi: 112 ARANMADI. "
        "Aradıktan sonra 112 gönderin."
    ),
    "sms.report_done": "İhbarınız zaten işlendi. Acil mi? 112'yi arayın.",
    "sms.expired": "İhbarınızın süresi doldu ve gönderilmedi. Ne ve nerede ile tekrar MELD gönderin.",
    "sms.rephrase": (
        "İhbarınız gönderilmedi: grubun kurallarına uymayan kelimeler var. Gördüğünüzü "
        "küfürsüz anlatın ve tekrar MELD gönderin."
    ),
    "sms.photo": (
        "Fotoğrafları iletmiyoruz. Bir tarif daha çok yardımcı olur: kadın/erkek, boy, kıyafet, "
        "plaka, yön. Bu metni başına MELD yazarak gönderin."
    ),
    "sms.limit": (
        "Son bir saatte çok sayıda ihbar yapıldı. İhbarınız gönderilmedi. Acil mi? 112'yi arayın."
    ),
    "sms.limit_member_admins": "Buurtlijn {group}: {who} saatlik en fazla ihbar sayısına ulaştı; bu üyenin yeni ihbarları bir süre reddediliyor.",
    "sms.limit_admins": "Buurtlijn {group}: saatlik en fazla ihbar sayısına ulaşıldı; yeni ihbarlar reddediliyor.",
    "sms.112.notice": "Mahalle nöbeti {group}: saat {time} ihbarı için 112 ARTIK ARANDI. Sizin aramanıza gerek yok.",
    "sms.112.thanks": "Teşekkürler. Grup artık 112'nin arandığını öğreniyor.",
    "sms.112.already": "Teşekkürler. Bu ihbar için 112 zaten aranmıştı.",
    "sms.112.none": "Son 2 saatte bir ihbar yok. Bir şey mi ihbar etmek istiyorsunuz? Ne ve nerede ile MELD gönderin.",
    "sms.opted_out": "Artık Buurtlijn'den mesaj almayacaksınız. Tekrar katılmak için START gönderin.",
    "sms.opted_in": "Tekrar hoş geldiniz. {group} ihbarlarını yeniden alıyorsunuz.",
    "sms.opted_in_none": "Ayrılmış değilsiniz. Neler yapabileceğinizi görmek için HELP gönderin.",
    "sms.help.member": (
        "Buurtlijn: MELD ne ve nerede = ihbar. 112 = 112'yi aradım. AFGEROND = ihbarınız bitti. "
        "STOP = ayrıl. MIJN GEGEVENS, VERWIJDER MIJ. NACHT UIT. Acil mi? Her zaman önce 112'yi arayın."
    ),
    "sms.help.admin": (
        "Yönetim: LID numara ad, VERWIJDER numara, LEDEN, BEHEERDER numara, BEHEERDER AF numara, "
        "STATUS, TEST, BORD sokak, AFGEROND (ihbar bitti). İhbar: MELD ne ve nerede. STOP = ayrıl."
    ),
    "sms.not_admin": "Bunu sadece grubun bir yöneticisi yapabilir. Neler yapabileceğiniz için HELP gönderin.",
    "sms.bad_phone": "Bu numarayı anlamadım. Örnek: {example}",
    "sms.invite": (
        "{who} sizi {group} mahalle nöbetine davet ediyor. Şüpheli mi? Önce 112'yi arayın, buraya "
        "bildirin: komşuları biz uyarırız. Sadece güvenliyse müdahale edin. Kurallar: 18+, "
        "mahalle sakini, sadece ihbar, küfür yok, fotoğraf yok. İhbarlar JA cevabınızdan sonra gelir. "
        "Katılmak için JA yazın."
    ),
    "sms.invite_group": (
        "{group} mahalle nöbeti sizi davet ediyor. Şüpheli mi? Önce 112'yi arayın, buraya "
        "bildirin: komşuları biz uyarırız. Sadece güvenliyse müdahale edin. Kurallar: 18+, "
        "mahalle sakini, sadece ihbar, küfür yok, fotoğraf yok. İhbarlar JA cevabınızdan sonra gelir. "
        "Katılmak için JA yazın."
    ),
    "sms.invite_again": (
        "{group} mahalle nöbetine davet edildiniz. İhbarlar JA cevabınızdan sonra gelir. "
        "Katılmak için JA, istemiyorsanız NEE yazın."
    ),
    "sms.invited": "{who}, {group} grubuna davet edildi. İhbarları JA cevabından sonra alır.",
    "sms.invited_voice": "{who}, {group} daveti için aranacak. İhbarları telefonda 1'e bastıktan sonra alır.",
    "sms.already_member": "{number} zaten {group} üyesi.",
    "sms.already_invited": "{number} zaten davet edildi. Henüz JA cevabı vermedi.",
    "sms.destination_refused": "Buurtlijn sadece Hollanda'daki cep ve sabit numaraları arar ve onlara SMS gönderir.",
    "sms.destination_refused_countries": "Buurtlijn sadece şu ülkelerin cep ve sabit numaralarını arar ve onlara SMS gönderir: {countries}.",
    "sms.invite_cap": (
        "En fazla davet sayısına ulaştınız. Şu anda başka davet gönderilmiyor; "
        "daha sonra tekrar deneyin."
    ),
    "sms.test_cap": "Bu saat için en fazla test mesajı sayısına ulaştınız. Daha sonra tekrar deneyin.",
    "sms.opted_in_number": "Buurtlijn'den tekrar mesaj alabilirsiniz. Neler yapabileceğinizi görmek için HELP gönderin.",
    "sms.joined": "{group} mahalle nöbetine hoş geldiniz. Artık ihbarları alıyorsunuz. İhbar için bu hattı arayın ya da MELD gönderin. Acil mi? Önce 112'yi arayın.",
    "sms.declined": "{group} grubuna katılmıyorsunuz. Cevabınız için teşekkürler.",
    "sms.no_invitation": "Sizin için bekleyen bir davet yok. Mahalle grubunuzun yöneticisine sorun.",
    "sms.removed": "{who}, {group} grubundan çıkarıldı.",
    "sms.remove_self": (
        "Bu sizin kendi numaranız. {group} grubundan kendiniz mi çıkmak istiyorsunuz? "
        "VERWIJDER {number} JA gönderin. Bilgilerinizi de silmek için VERWIJDER MIJ gönderin."
    ),
    "sms.did_you_mean": "{keyword} mı demek istediniz? O zaman tekrar böyle gönderin. Hiçbir şey yapılmadı. HELP tüm kelimeleri gösterir.",
    "sms.group_welcome": (
        "Buurtlijn'e hoş geldiniz: {group} mahalle nöbeti grubunun yöneticisisiniz. Komşuları LID numara ad "
        "ile davet edin. Ayrıca: LEDEN, STATUS, TEST, VERWIJDER numara, BEHEERDER numara. HELP hepsini gösterir."
    ),
    "sms.admin_welcome": (
        "Artık {group} grubunun yöneticisisiniz ({actor} tarafından). Yönetim: LID numara ad, "
        "VERWIJDER numara, LEDEN, STATUS, TEST, BEHEERDER numara. HELP hepsini gösterir."
    ),
    "sms.admin_demoted": "Artık {group} grubunun yöneticisi değilsiniz ({actor} tarafından). İhbarları yine alıyorsunuz.",
    "sms.already_admin": "{who} zaten {group} grubunun yöneticisi.",
    "sms.removed_notice": "{group} mahalle nöbetinden çıkarıldınız ve artık ihbar almayacaksınız.",
    "sms.not_in_group": "{number}, {group} üyesi değil.",
    "sms.made_admin": "{who} artık {group} grubunun yöneticisi. Yönetim kelimeleriyle bir karşılama mesajı alacak.",
    "sms.admin_removed": "{who} artık {group} grubunun yöneticisi değil.",
    "sms.not_active": "{number}, {group} grubunun (henüz) aktif üyesi değil.",
    "sms.last_admin": "Bu olmaz: {group} grubunda en az 1 yönetici kalmalı. Önce başka birini yönetici yapın.",
    "sms.members": "{group}: {active} aktif, {invited} davetli, {opted_out} ayrıldı. {names}",
    "sms.members_more": "Daha fazlası: LEDEN {page} gönderin.",
    "sms.no_name": "(adsız)",
    "sms.status": "Son ihbar {time}: {category}, 112: {called}. SMS gönderildi {sent}, ulaştı {delivered}, başarısız {failed}.",
    "sms.status_expired": "{minutes} dakikadan uzun süreceği için ulaştırılmadı: {expired}.",
    "sms.status_voice": "Arandı {called}: onayladı {confirmed}, telesekreter {machine}, başarısız {failed}.",
    "sms.status_none": "{group} grubunda henüz ihbar yapılmadı.",
    "sms.test": "Buurtlijn {group} TEST mesajı: telefonunuz ihbarları alıyor. Bir şey yapmanıza gerek yok.",
    "sms.test_queued": "Birazdan telefonunuza bir test mesajı gelecek.",
    "sms.sign": "{street} için mahalle nöbeti tabelası talebi belediye için kaydedildi.",
    "sms.sign_empty": "Hangi sokak? Örneğin şunu gönderin: BORD Molenstraat",
    "sms.admin_change": "Buurtlijn {group}: {actor} {action} {target}.",
    "sms.operator": "Buurtlijn yöneticisi",
    "sms.operator_invited": (
        "Buurtlijn {group}: Buurtlijn yöneticisi {count} {people} davet etti. "
        "İhbarları JA cevaplarından sonra alırlar. LEDEN kimlerin katıldığını gösterir."
    ),
    "sms.person": "kişiyi",
    "sms.people": "kişiyi",
    "sms.my_data": (
        "Buurtlijn şunları saklar: numara {phone}, ad {name}, sokak {street}, grup {groups}, "
        "üyelik başlangıcı {since}, ihbarlar {channel} ile, dil {language}, sizin yaptığınız {reported} ihbar. "
        "İhbarları {days} gün saklarız. Hepsini silmek için VERWIJDER MIJ gönderin."
    ),
    "sms.erased": "Bilgileriniz silindi ve gruptan çıktınız. Artık Buurtlijn'den mesaj almayacaksınız.",
    "sms.member_left": "Buurtlijn {group}: bir üye gruptan ayrıldı.",
    "sms.language.name.nl": "Felemenkçe",
    "sms.language.name.en": "İngilizce",
    "sms.language.name.tr": "Türkçe",
    "sms.channel.sms": "sms",
    "sms.channel.voice": "telefon",
    "sms.status.active": "aktif",
    "sms.status.invited": "davetli",
    "sms.status.opted_out": "ayrıldı",
    "sms.status.inactive": "gruptan çıktı",
    "sms.called.yes": "arandı",
    "sms.called.no": "aranmadı",
    "sms.called.not_urgent": "acil değil",
    "sms.masked_admins": "Buurtlijn {group}: saat {time} ihbarından kurallara uymayan kelimeler çıkarıldı.",
    "sms.action.invited": "davet etti:",
    "sms.action.removed": "gruptan çıkardı:",
    "sms.action.made_admin": "yönetici yaptı:",
    "sms.action.admin_removed": "yöneticiliğini aldı:",
    # The all-clear (AFGEROND, or key 1 after hearing the latest alert).
    "sms.all_clear": "Mahalle nöbeti {group}: saat {time} ihbarı ({category}, {location}) BİTTİ.",
    "sms.all_clear_nowhere": "Mahalle nöbeti {group}: saat {time} ihbarı ({category}) BİTTİ.",
    "sms.close.done.one": "Teşekkürler. {count} komşu ihbarın bittiğini öğreniyor.",
    "sms.close.done.other": "Teşekkürler. {count} komşu ihbarın bittiğini öğreniyor.",
    "sms.close.done_nobody": "Teşekkürler. İhbar kapatıldı.",
    "sms.close.already": "Bu ihbar zaten kapatılmıştı. Hiçbir şey gönderilmedi.",
    "sms.close.none": "Son 12 saatte açık bir ihbar yok.",
    "sms.close.not_allowed": "Bir ihbarı sadece onu yapan kişi ya da grubun bir yöneticisi kapatabilir.",
    "sms.ask_close": "Birden fazla ihbar var. Hangisi bitti? {options} yazın.",
    "sms.ask_close_again": "Anlamadım. Hangi ihbar bitti? {options} yazın.",
    "sms.close.lapsed": "Bu sorunun süresi doldu. Bitti mi? Tekrar AFGEROND gönderin.",
    "sms.112.closed": "Bu ihbar zaten kapatıldı. 112'yi sadece yeni bir acil durumda arayın.",
    "sms.status_closed": "KAPATILDI, saat {time}.",
    "voice.close_ask": "Bu bitti mi? Komşulara bittiğini bildirmek için 1'e basın. Geri dönmek için 2'ye basın.",
    "voice.close_ask_short": "Bitti: 1'e basın. Geri: 2'ye basın.",
    "voice.closed.one": "Teşekkürler. {count} komşu bunun bittiğini öğreniyor.",
    "voice.closed.other": "Teşekkürler. {count} komşu bunun bittiğini öğreniyor.",
    "voice.closed_nobody": "Teşekkürler. İhbar kapatıldı.",
    "voice.closed_already": "Bu ihbar zaten kapatılmıştı.",
    "voice.latest_closed": "Bu ihbar kapatıldı.",
    # Join requests: a resident who is in no group asks, by phone or SMS, with their postcode.
    "voice.join_offer": "Mahallenizdeki mahalle nöbetine katılmak ister misiniz? 1'e basın.",
    "voice.join_postcode": "Posta kodunuzun dört rakamını tuşlayın.",
    "voice.join_postcode_wrong": "Bunlar bir posta kodunun dört rakamı değil.",
    "voice.join_choose": "Posta kodunuza ait birden fazla grup var.",
    "voice.join_name": "Adınızı ve sokağınızı söyleyin.",
    "voice.join_name_short": "Adınızı ve sokağınızı söyleyin.",
    "voice.join_name_again": "Bunu anlayamadım. Sadece adınızı ve sokağınızı söyleyin.",
    "voice.join.sent": "Teşekkürler. {group} yöneticileri talebinizi alacak ve sizinle iletişime geçecek.",
    "voice.join.member": "Bu numara zaten {group} üyesi.",
    "voice.join.invited": "Bu numara zaten {group} grubuna davet edildi. Davete JA yazarak cevap verin.",
    "voice.join.again": "Bu hafta zaten katılmak istediniz. Yöneticiler sizinle iletişime geçecek.",
    "voice.join.full": "Bugün {group} için çok sayıda başvuru oldu. Yarın tekrar arayın.",
    "voice.join_none": (
        "Posta kodunuz için bu hatta henüz bir mahalle nöbeti grubu yok. "
        "Mahallenizdeki mahalle nöbetini belediyenize sorun."
    ),
    "sms.join.sent": "Teşekkürler. {group} yöneticileri talebinizi alacak ve sizinle iletişime geçecek. Sonra bir davet alırsınız: ona JA yazın.",
    "sms.join.member": "Bu numara zaten {group} üyesi. Neler yapabileceğiniz için HELP gönderin.",
    "sms.join.invited": "Bu numara zaten {group} grubuna davet edildi. Katılmak için JA yazın.",
    "sms.join.again": "Bu hafta zaten katılmak istediniz. Yöneticiler sizinle iletişime geçecek.",
    "sms.join.full": "Bugün {group} için çok sayıda başvuru oldu. Yarın tekrar deneyin.",
    "sms.join.none": "{postcode} posta kodu için bu hatta henüz bir mahalle nöbeti grubu yok. Mahallenizdeki mahalle nöbetini belediyenize sorun.",
    "sms.join.choose": "{postcode} için birden fazla grup var: {options}. Grubun numarası, adınız ve sokağınızla MEEDOEN {postcode} gönderin, örn. MEEDOEN {postcode} 1 Jan Jansen, Dorpsstraat 4",
    "sms.join.how": "Posta kodunuz, adınız ve sokağınızla MEEDOEN gönderin, örn. MEEDOEN 1234AB Jan Jansen, Dorpsstraat 4",
    "sms.join.admins": "Buurtlijn {group}: {name} ({street}, {phone}) katılmak istiyor. Davet edilsin mi? Gönderin: {invite}",
    "sms.join.name_placeholder": "ad",
    # Quiet hours and night calls.
    "sms.held_until": "Gece sessizliği nedeniyle davet saat {time} olunca gönderilecek.",
    "sms.night.off": "{start} ile {end} arası ihbarlar için aranmayacaksınız. SMS yine gelir. Tekrar aranmak için NACHT AAN gönderin.",
    "sms.night.on": "İhbarlar için yine aranacaksınız, gece de. Gece istemiyor musunuz? NACHT UIT gönderin.",
    "sms.night.off_other": "{who}, {start} ile {end} arası ihbarlar için aranmayacak. Geri almak için: NACHT AAN ve numara.",
    "sms.night.on_other": "{who} ihbarlar için yine aranacak, gece de.",
    "sms.status_night": "Kendi isteğiyle gece aranmadı: {night}.",
    # The member's language (TAAL / LANGUAGE), said in the new language.
    "sms.language.set": "Buurtlijn bundan sonra size Türkçe yazacak ve Türkçe arayacak. Nederlands? Stuur TAAL NL. English? Send TAAL EN.",
    "sms.language.which": "Hangi dil? TAAL NL (Nederlands), TAAL EN (English) ya da TAAL TR (Türkçe) gönderin.",
}

MESSAGES: dict[str, str] = {
    key: gsm.to_gsm7(text) if key.startswith("sms.") else text for key, text in _WORDS.items()
}
