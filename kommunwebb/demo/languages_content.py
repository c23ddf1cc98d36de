"""The demo's pages in other languages, and one news article in Lättläst (issue 16).

Key pages in English, Finnish and Arabic, as most municipalities translate them: crisis
support, how to contact the municipality and "Om webbplatsen". Finnish and Arabic were
written for the demo and should be reviewed by a native speaker before anyone copies them
into production (docs/languages.md).

Phone numbers in the Arabic text are wrapped in Unicode's left-to-right isolate
(U+2066 … U+2069), so "040-628 04 00" is not reordered inside right-to-left text.
"""

from .content import (
    EMAIL,
    POSTAL_ADDRESS,
    SOCIAL_JOUR_PHONE,
    STODCENTRUM_PHONE,
    SWITCHBOARD,
    WEB_EMAIL,
    fact_box,
    nb,
    paragraph,
    subheading,
)

LANGUAGES = ("en", "fi", "ar")


def ltr(text: str) -> str:
    """A number kept left to right inside right-to-left text."""
    return f"\u2066{nb(text)}\u2069"


# The home page of each language is its hub: what exists in it.
HOME = {
    "en": {
        "title": "Sundhamn in English",
        "slug": "sundhamn-en",
        "intro": "Information in English about the municipality's most important services.",
    },
    "fi": {
        "title": "Sundhamn suomeksi",
        "slug": "sundhamn-fi",
        "intro": "Tietoa kunnan tärkeimmistä palveluista suomeksi.",
    },
    "ar": {
        "title": "سوندهامن باللغة العربية",
        "slug": "sundhamn-ar",
        "intro": "معلومات باللغة العربية عن أهم خدمات البلدية.",
    },
}

# The pages above the translated ones ("Stöd vid akuta händelser" sits under "Trygghet" under
# "Trygghet och säkerhet"): translated too, so that a language's menu and breadcrumbs are in
# that language, not Swedish copies. They keep the Swedish slugs, so that the addresses of the
# pages below them stay as they were.
PARENTS = {
    "area:trygghet": {
        "en": {
            "title": "Safety and security",
            "intro": "What to do in a crisis, how to prepare, and where to turn for support.",
        },
        "fi": {
            "title": "Turvallisuus",
            "intro": "Mitä teet kriisissä, miten varaudut ja mistä saat tukea.",
        },
        "ar": {
            "title": "السلامة والأمن",
            "intro": "ماذا تفعل في الأزمات، وكيف تستعد، وإلى أين تتوجه للحصول على الدعم.",
        },
    },
    "trygghet": {
        "en": {
            "title": "Feeling safe in Sundhamn",
            "intro": "How the municipality works with the police and others for a safe town.",
        },
        "fi": {
            "title": "Turvallinen Sundhamn",
            "intro": "Näin kunta työskentelee poliisin ja muiden kanssa turvallisuuden puolesta.",
        },
        "ar": {
            "title": "الشعور بالأمان في سوندهامن",
            "intro": "كيف تعمل البلدية مع الشرطة وغيرها لكي يشعر الناس بالأمان.",
        },
    },
}

# The Swedish "Andra språk" hub under the home page.
LANGUAGES_PAGE = {
    "title": "Andra språk – Other languages",
    "slug": "andra-sprak",
    "intro": (
        "Information om kommunen på andra språk än svenska. Information about the "
        "municipality in other languages."
    ),
}

PAGES = {
    "akut": {
        "en": {
            "title": "Support after a serious event",
            "slug": "support-after-a-serious-event",
            "intro": (
                "Have you been through or been affected by a serious event? Here you can see "
                "where to turn to talk to someone – during the day, in the evening and at night."
            ),
            "body": [
                paragraph(
                    "<p>After accidents, violence and other serious events the municipality can "
                    "quickly call in staff from its emergency preparedness. The lines you can "
                    "call yourself have different hours, given below.</p>"
                ),
                fact_box(
                    "<p>Call <b>112</b> if someone is in danger or if it is urgent. To give the "
                    "police information, call 114\u00a014.</p>",
                    heading="If a life is in danger",
                ),
                subheading("Support centre – weekdays 8 am to 4 pm"),
                paragraph(
                    "<p>The support centre offers support to people of all ages who have been "
                    "the victim of a crime or have been through something difficult. You may "
                    "stay anonymous. Relatives and witnesses are also welcome.</p>"
                    f"<p>Call <b>{nb(STODCENTRUM_PHONE)}</b>.</p>"
                ),
                subheading("Social services on call – evenings, nights and weekends"),
                paragraph(
                    "<p>When the offices are closed, social services on call take over, from "
                    "4 pm to 3 am every day.</p>"
                    f"<p>Call <b>{nb(SOCIAL_JOUR_PHONE)}</b>.</p>"
                ),
            ],
        },
        "fi": {
            "title": "Tukea vakavan tapahtuman jälkeen",
            "slug": "tukea-vakavan-tapahtuman-jalkeen",
            "intro": (
                "Oletko joutunut vakavan tapahtuman keskelle tai onko se koskettanut sinua? "
                "Täältä näet, kenen kanssa voit puhua – päivällä, illalla ja yöllä."
            ),
            "body": [
                paragraph(
                    "<p>Kunta pystyy puuttumaan nopeasti onnettomuuksiin, väkivaltaan ja muihin "
                    "vakaviin tapahtumiin. Puhelinlinjoilla on eri aukioloajat, jotka näet "
                    "alla.</p>"
                ),
                fact_box(
                    "<p>Soita <b>112</b>, jos joku on vaarassa tai jos asia on kiireellinen. "
                    "Jos haluat antaa poliisille tietoja, soita numeroon 114\u00a014.</p>",
                    heading="Kun henki on vaarassa",
                ),
                subheading("Tukikeskus – arkisin klo 8–16"),
                paragraph(
                    "<p>Tukikeskus tarjoaa tukikeskusteluja kaikenikäisille, jotka ovat "
                    "joutuneet rikoksen uhriksi tai kokeneet jotain vaikeaa. Voit pysyä "
                    "nimettömänä. Myös omaiset ja todistajat voivat ottaa yhteyttä.</p>"
                    f"<p>Soita numeroon <b>{nb(STODCENTRUM_PHONE)}</b>.</p>"
                ),
                subheading("Sosiaalipäivystys – illat, yöt ja viikonloput"),
                paragraph(
                    "<p>Kun toimistot ovat kiinni, sosiaalipäivystys auttaa joka päivä "
                    "klo 16–03.</p>"
                    f"<p>Soita numeroon <b>{nb(SOCIAL_JOUR_PHONE)}</b>.</p>"
                ),
            ],
        },
        "ar": {
            "title": "الدعم بعد حادث خطير",
            "slug": "support-ar",
            "intro": (
                "هل تعرضت لحادث خطير أو تأثرت به؟ هنا تجد إلى من يمكنك التوجه للتحدث مع شخص ما "
                "– في النهار وفي المساء وفي الليل."
            ),
            "body": [
                paragraph(
                    "<p>البلدية مستعدة للتعامل بسرعة مع الحوادث والعنف والأحداث الخطيرة الأخرى. "
                    "لكل خط هاتفي مواعيده الخاصة، وتجدها أدناه.</p>"
                ),
                fact_box(
                    "<p>اتصل بالرقم <b>112</b> إذا كان شخص ما في خطر أو إذا كان الأمر عاجلاً. "
                    f"لإعطاء معلومات للشرطة اتصل بالرقم {ltr('114 14')}.</p>",
                    heading="عند وجود خطر على الحياة",
                ),
                subheading("مركز الدعم – أيام العمل من الساعة 8 إلى 16"),
                paragraph(
                    "<p>يقدم مركز الدعم محادثات داعمة للأشخاص من جميع الأعمار الذين وقعوا ضحية "
                    "جريمة أو مروا بتجربة صعبة. يمكنك عدم ذكر اسمك. الأقارب والشهود مرحب بهم "
                    "أيضاً.</p>"
                    f"<p>اتصل بالرقم <b>{ltr(STODCENTRUM_PHONE)}</b>.</p>"
                ),
                subheading("الخدمات الاجتماعية المناوبة – في المساء والليل وعطلة نهاية الأسبوع"),
                paragraph(
                    "<p>عندما تكون المكاتب مغلقة، تتولى الخدمات الاجتماعية المناوبة المساعدة "
                    "كل يوم من الساعة 16 حتى الساعة 03.</p>"
                    f"<p>اتصل بالرقم <b>{ltr(SOCIAL_JOUR_PHONE)}</b>.</p>"
                ),
            ],
        },
    },
    "kontakt": {
        "en": {
            "title": "Contact the municipality",
            "slug": "contact-us",
            "intro": (
                "The municipality's contact centre answers questions about all municipal "
                "services and puts you through when needed."
            ),
            "body": [
                subheading("Phone and e-mail"),
                paragraph(
                    f"<p>Call <b>{nb(SWITCHBOARD)}</b> on weekdays, 8 am to 5 pm. You can also "
                    f"e-mail {EMAIL}. We answer within two working days.</p>"
                ),
                subheading("Visit us"),
                paragraph(
                    "<p>The town hall is at Rådhustorget 1. The reception is open on weekdays, "
                    "8 am to 4 pm.</p>"
                ),
                fact_box(f"<p>{POSTAL_ADDRESS}</p>", heading="Postal address"),
            ],
        },
        "fi": {
            "title": "Ota yhteyttä kuntaan",
            "slug": "ota-yhteytta",
            "intro": (
                "Kunnan asiakaspalvelu vastaa kysymyksiin kaikista kunnan palveluista ja "
                "yhdistää tarvittaessa eteenpäin."
            ),
            "body": [
                subheading("Puhelin ja sähköposti"),
                paragraph(
                    f"<p>Soita numeroon <b>{nb(SWITCHBOARD)}</b> arkisin klo 8–17. Voit myös "
                    f"lähettää sähköpostia osoitteeseen {EMAIL}. Vastaamme kahden arkipäivän "
                    "kuluessa.</p>"
                ),
                subheading("Käy luonamme"),
                paragraph(
                    "<p>Kaupungintalo on osoitteessa Rådhustorget 1. Vastaanotto on avoinna "
                    "arkisin klo 8–16.</p>"
                ),
                fact_box(f"<p>{POSTAL_ADDRESS}</p>", heading="Postiosoite"),
            ],
        },
        "ar": {
            "title": "التواصل مع البلدية",
            "slug": "contact-ar",
            "intro": (
                "يجيب مركز الاتصال في البلدية على الأسئلة المتعلقة بجميع خدمات البلدية "
                "ويحوّلك إلى الجهة المختصة عند الحاجة."
            ),
            "body": [
                subheading("الهاتف والبريد الإلكتروني"),
                paragraph(
                    f"<p>اتصل بالرقم <b>{ltr(SWITCHBOARD)}</b> أيام العمل من الساعة 8 إلى 17. "
                    f"يمكنك أيضاً إرسال بريد إلكتروني إلى {EMAIL}. نرد خلال يومي عمل.</p>"
                ),
                subheading("زورونا"),
                paragraph(
                    "<p>يقع مبنى البلدية في Rådhustorget 1. الاستقبال مفتوح أيام العمل من الساعة "
                    "8 إلى 16.</p>"
                ),
                fact_box(f"<p>{POSTAL_ADDRESS}</p>", heading="العنوان البريدي"),
            ],
        },
    },
    "about": {
        "en": {
            "title": "About the website",
            "slug": "about-the-website",
            "intro": (
                "The website is run by Sundhamn municipality. Here we tell you who is "
                "responsible for it, how it works and how to tell us if something is wrong."
            ),
            "body": [
                subheading("Who is responsible for the website?"),
                paragraph(
                    "<p>Sundhamn municipality is responsible for the website. Each department "
                    "is responsible for the information about its own services being correct "
                    "and up to date.</p>"
                ),
                subheading("Cookies and statistics"),
                paragraph(
                    "<p>Statistics cookies are only stored if you have said yes to them. We "
                    "never store your IP address.</p>"
                ),
                subheading("Comments on the website"),
                paragraph(f"<p>Found something wrong? E-mail {WEB_EMAIL}.</p>"),
            ],
        },
        "fi": {
            "title": "Tietoa verkkosivustosta",
            "slug": "tietoa-verkkosivustosta",
            "intro": (
                "Verkkosivustoa ylläpitää Sundhamnin kunta. Tässä kerromme, kuka siitä vastaa, "
                "miten se toimii ja miten voit ilmoittaa virheestä."
            ),
            "body": [
                subheading("Kuka vastaa verkkosivustosta?"),
                paragraph(
                    "<p>Sundhamnin kunta vastaa verkkosivustosta. Jokainen hallinto vastaa "
                    "siitä, että sen omaa toimintaa koskevat tiedot ovat oikeita ja ajan "
                    "tasalla.</p>"
                ),
                subheading("Evästeet ja tilastot"),
                paragraph(
                    "<p>Tilastoevästeet tallennetaan vain, jos olet hyväksynyt ne. Emme koskaan "
                    "tallenna IP-osoitettasi.</p>"
                ),
                subheading("Palaute verkkosivustosta"),
                paragraph(f"<p>Löysitkö virheen? Lähetä sähköpostia osoitteeseen {WEB_EMAIL}.</p>"),
            ],
        },
        "ar": {
            "title": "عن الموقع الإلكتروني",
            "slug": "about-ar",
            "intro": (
                "تدير بلدية سوندهامن هذا الموقع الإلكتروني. نوضح هنا من المسؤول عنه وكيف يعمل "
                "وكيف تخبرنا إذا كان هناك خطأ."
            ),
            "body": [
                subheading("من المسؤول عن الموقع الإلكتروني؟"),
                paragraph(
                    "<p>بلدية سوندهامن مسؤولة عن الموقع الإلكتروني. كل إدارة مسؤولة عن أن تكون "
                    "المعلومات المتعلقة بعملها صحيحة ومحدّثة.</p>"
                ),
                subheading("ملفات تعريف الارتباط والإحصاءات"),
                paragraph(
                    "<p>لا نحفظ ملفات تعريف الارتباط الخاصة بالإحصاءات إلا إذا وافقت عليها. لا "
                    "نحفظ عنوان IP الخاص بك أبداً.</p>"
                ),
                subheading("ملاحظات على الموقع الإلكتروني"),
                paragraph(f"<p>هل وجدت خطأ؟ أرسل بريداً إلكترونياً إلى {WEB_EMAIL}.</p>"),
            ],
        },
    },
}

EASY_READ_INDEX = {
    "title": "Lättläst",
    "slug": "lattlast",
    "intro": "Här finns texter som är lätta att läsa. Meningarna är korta och orden vanliga.",
}

# The air quality article in easy-to-read Swedish.
EASY_READ_ARTICLE = {
    "original": "article:luft",
    "title": "Luften i Sundhamn blir renare",
    "slug": "luften-i-sundhamn-blir-renare",
    "intro": "Det finns mindre avgaser i luften i Sundhamn nu än förr.",
    "body": [
        paragraph(
            "<p>Bilar och bussar släpper ut en gas som heter kvävedioxid. "
            "Gasen är inte bra att andas in.</p>"
            "<p>Kommunen mäter hur mycket kvävedioxid det finns i luften. "
            "Kommunen har mätt i nästan 30 år.</p>"
        ),
        subheading("Nu är luften bättre"),
        paragraph(
            "<p>För 30 år sedan bodde nästan alla i Sundhamn där luften var dålig. "
            "Nu bor bara 1 av 100 personer där luften är dålig.</p>"
            "<p>Barn andas inte in mer kvävedioxid än vuxna.</p>"
        ),
        subheading("Vill du veta mer?"),
        paragraph(
            "<p>Ring miljöförvaltningen på 040-628\u00a004\u00a030. "
            "Du kan också läsa den vanliga nyheten.</p>"
        ),
    ],
}
