# ruff: noqa: E501, RUF001 (hand-written prose with typographic dashes, one text per line)
"""The trust engine's evaluation corpus and the benchmark's synthetic texts (seeded).

`python bench/trust_data.py` writes tests/data/trust/{cases,labels}_{tuning,heldout}.jsonl.
The texts below were written by hand for this corpus, before any tuning, in German and
English, for every kind of case and for the hard cases the engine has to earn its keep on.
Every scenario has three texts per language: the first two go to the tuning part, the third
to the held-out part, so no held-out text was ever seen while tuning. Names, firms and
numbers are invented. A label is what a careful human would choose, decided per scenario
before the engine was run on it.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "trust"
SENT_AT = "2025-03-03T09:30:00+01:00"

### Recipients ###

RECIPIENTS: dict[str, dict[str, Any]] = {
    "anna": {
        "id": "r-anna", "name": "Anna Schulz", "first": "Anna", "anrede": "Frau Schulz",
        "headline": "Data Engineer at Stadtwerke Bremen", "company": "Stadtwerke Bremen",
        "lang": "de", "skills": ["Python", "Kafka", "PostgreSQL", "Airflow"],
        "interests": ["data engineering", "open data", "energy transition"],
        "seeking": ["conference talks", "mentoring"], "offering": ["mentoring"],
        "level": "senior", "skill": "Kafka", "interest": "Open Data",
        "preferences": {"open_to_offers": True, "min_salary": 75000, "currency": "EUR",
                        "levels": ["senior", "lead"], "locations": ["Bremen", "Hamburg"],
                        "remote_only": False, "relocate": False},
    },
    "markus": {
        "id": "r-markus", "name": "Markus Wolf", "first": "Markus", "anrede": "Herr Wolf",
        "headline": "Head of Sales at Logistik Nord GmbH", "company": "Logistik Nord",
        "lang": "de", "skills": ["B2B sales", "CRM", "negotiation", "key account management"],
        "interests": ["logistics", "e-mobility", "sales leadership"],
        "seeking": ["CRM software", "sales training"], "offering": ["logistics partnerships"],
        "level": "head", "skill": "Key Account Management", "interest": "E-Mobilität",
        "preferences": {"open_to_offers": True, "min_salary": 110000, "currency": "EUR",
                        "levels": ["head", "executive"], "locations": ["Hamburg"],
                        "remote_only": False, "relocate": False},
    },
    "tom": {
        "id": "r-tom", "name": "Tom Becker", "first": "Tom", "anrede": "Herr Becker",
        "headline": "Cloud Architect at Rheinland Versicherung", "company": "Rheinland Versicherung",
        "lang": "de", "skills": ["AWS", "Kubernetes", "Terraform", "Go"],
        "interests": ["platform engineering", "cloud security"],
        "seeking": ["platform engineering meetups"], "offering": ["architecture reviews"],
        "level": "lead", "skill": "Kubernetes", "interest": "Platform Engineering",
        "preferences": {"open_to_offers": True, "min_salary": 95000, "currency": "EUR",
                        "levels": ["lead", "head"], "locations": ["Köln", "Düsseldorf"],
                        "remote_only": False, "relocate": False},
    },
    "priya": {
        "id": "r-priya", "name": "Priya Nair", "first": "Priya", "anrede": "Priya",
        "headline": "UX Designer at Finlytics", "company": "Finlytics",
        "lang": "en", "skills": ["Figma", "user research", "accessibility", "prototyping"],
        "interests": ["accessibility", "design systems", "fintech"],
        "seeking": ["user research participants", "design mentoring"], "offering": ["portfolio reviews"],
        "level": "mid", "skill": "accessibility", "interest": "design systems",
        "preferences": {"open_to_offers": True, "min_salary": 62000, "currency": "EUR",
                        "levels": ["mid", "senior"], "locations": ["Berlin"],
                        "remote_only": True, "relocate": False},
    },
    "sarah": {
        "id": "r-sarah", "name": "Sarah Collins", "first": "Sarah", "anrede": "Sarah",
        "headline": "HR Business Partner at Brightwave", "company": "Brightwave",
        "lang": "en", "skills": ["recruiting", "employer branding", "employment law"],
        "interests": ["people analytics", "remote work", "learning and development"],
        "seeking": ["people analytics tools", "L&D speakers"], "offering": ["career advice"],
        "level": "senior", "skill": "employer branding", "interest": "people analytics",
        "preferences": {"open_to_offers": True, "min_salary": 65000, "currency": "GBP",
                        "levels": ["senior", "lead", "head"], "locations": ["Manchester"],
                        "remote_only": False, "relocate": False},
    },
}  # fmt: skip
BY_LANG = {"de": ["anna", "markus", "tom"], "en": ["priya", "sarah", "anna"]}

FIRST_DE = [
    "Jonas",
    "Lea",
    "Felix",
    "Miriam",
    "Stefan",
    "Katrin",
    "Ahmet",
    "Julia",
    "Lukas",
    "Sabine",
]
LAST_DE = [
    "Hoffmann",
    "Krüger",
    "Yılmaz",
    "Neumann",
    "Schwarz",
    "Lange",
    "Vogel",
    "Brandt",
    "Kaya",
    "Roth",
]
FIRST_EN = [
    "James",
    "Olivia",
    "Ravi",
    "Emma",
    "Daniel",
    "Chloe",
    "Marcus",
    "Aisha",
    "Liam",
    "Grace",
]
LAST_EN = [
    "Turner",
    "Patel",
    "Hughes",
    "O'Brien",
    "Walsh",
    "Khan",
    "Evans",
    "Murphy",
    "Reid",
    "Shaw",
]
EMPLOYERS = [
    "Nordlicht Software",
    "Hanse Energie",
    "DataWerk GmbH",
    "Kiel Maritime Systems",
    "Finlytics",
]
EVENTS = [
    "Data Night Bremen",
    "PyCon DE 2025",
    "Hamburg Logistics Summit",
    "UX Camp Berlin",
    "KubeCon Europe",
]
SCHOOLS = ["Universität Bremen", "TU Dortmund", "University of Manchester", "HAW Hamburg"]
GROUPS = ["Python Bremen", "Women in Tech Nord", "Platform Engineering DACH", "UX Research Circle"]
OTHERS = [("Herr Maier", "Tom", "Siemens"), ("Frau Yilmaz", "Eva", "Otto Group"), ("Herr Wolf", "Ben", "SAP"),
          ("Frau Brandt", "Lena", "Bosch"), ("Herr Kaya", "Omar", "Zalando"), ("Frau Roth", "Julia", "DHL"),
          ("Herr Lange", "Max", "Lidl Digital"), ("Frau Vogel", "Mia", "BASF"), ("Herr Roth", "Paul", "Haufe"),
          ("Frau Lange", "Nora", "Allianz")]  # fmt: skip

### The hand-written texts: scenario -> language -> three texts ###
# Placeholders: {anrede} formal address, {first} recipient's first name, {company},
# {skill}, {interest}, {employer} shared employer, {event}, {school}, {group}, {me} sender.
# "{a|b|c}" marks spun alternatives (chosen per copy).

TEXTS: dict[str, dict[str, list[str]]] = {
    "colleague": {
        "de": [
            "Hi {first}, lange nicht gesehen! Seit ich bei {employer} weg bin, habe ich unsere Projekte vermisst. Lass uns in Kontakt bleiben.",
            "Hallo {first}, ich habe gesehen, dass du jetzt bei {company} bist – Glückwunsch! Erinnerst du dich an die Nachtschicht beim Release damals bei {employer}? Lass uns vernetzen.",
            "Servus {first}, schön dich hier zu finden. Die Zeit im Team bei {employer} war prägend für mich, ich würde mich freuen, wieder von dir zu hören.",
        ],
        "en": [
            "Hi {first}, great to find you here! I still think of the migration project we did together at {employer}. Would be lovely to stay in touch.",
            "Hey {first}, it's {me} from the old {employer} days – hope {company} is treating you well. Let's reconnect.",
            "{first}! Good to see you on here. I left {employer} last spring and miss our Friday retros. Let's keep in touch.",
        ],
    },
    "meetup": {
        "de": [
            "Hallo {anrede}, danke für das Gespräch am Rande von {event} – Ihr Punkt zu {skill} hat mich noch lange beschäftigt. Ich würde gerne in Kontakt bleiben.",
            "Hallo {first}, wir hatten bei {event} am Stehtisch über {interest} geredet. Wie versprochen melde ich mich hier!",
            "Guten Tag {anrede}, es war schön, Sie gestern bei {event} kennenzulernen. Ich schicke Ihnen gerne den Link zu dem Paper, von dem ich erzählt habe.",
        ],
        "en": [
            "Hi {first}, great meeting you at {event} yesterday! Thanks for the tips on {skill} – let's stay in touch.",
            "Hi {first}, we chatted after your session at {event} about {interest}. As promised, here I am – would love to continue the conversation.",
            "Hello {first}, it was a pleasure to meet you at {event}. I'll send over the article on {interest} I mentioned.",
        ],
    },
    "stranger_specific": {
        "de": [
            "Guten Tag {anrede}, ich habe Ihren Blogartikel über {skill} bei {company} gelesen und stehe gerade vor derselben Frage in meinem Team. Dürfte ich Ihnen dazu eine kurze Frage stellen?",
            "Hallo {anrede}, Ihr Vortrag zu {interest} war online verlinkt und hat mir sehr geholfen. Ich arbeite an einem ähnlichen Thema in Oldenburg und würde mich gerne vernetzen.",
            "Guten Tag {anrede}, Sie haben auf GitHub ein Werkzeug für {skill} veröffentlicht, das wir inzwischen nutzen. Danke dafür! Ich würde mich über die Verbindung freuen.",
        ],
        "en": [
            "Hello {first}, I read your write-up on {skill} at {company} and we are facing the exact same problem. Could I ask you one question about how you handled it?",
            "Hi {first}, your talk on {interest} was shared in our team channel and changed how we work. I'm doing similar work in Leeds and would love to connect.",
            "Hi {first}, I'm researching {interest} for my master's thesis and your posts on {skill} are the clearest thing I have found. Would you mind if I connect?",
        ],
    },
    "classmate": {
        "de": [
            "Hallo {first}, wir haben zusammen an der {school} studiert – erinnerst du dich an die Lerngruppe für Statistik? Schön, dich hier zu sehen!",
            "Hi {first}, Ehemalige der {school} unter sich 🙂 Ich habe gesehen, dass du bei {company} bist. Lass uns vernetzen.",
            "Hallo {first}, ich bin's, {me}, aus dem Masterjahrgang an der {school}. Wie geht es dir?",
        ],
        "en": [
            "Hi {first}, we were in the same cohort at {school} – I think we shared the group project on service design. Great to see you doing well at {company}!",
            "Hey {first}, {me} here from {school}. Found you through the alumni list, would be great to catch up.",
            "Hi {first}, fellow {school} graduate here! Saw your post and wanted to say hello.",
        ],
    },
    "followup_real": {
        "de": [
            "Hallo {anrede}, wie besprochen sende ich Ihnen die Folien von unserem Termin am Donnerstag. Melden Sie sich gerne, wenn Fragen offen sind.",
            "Hallo {first}, wie telefonisch besprochen hier der Entwurf für den Workshop. Passt dir der 14.?",
            "Guten Tag {anrede}, bezugnehmend auf unser Gespräch letzte Woche: Anbei die Zahlen, die ich Ihnen zugesagt hatte.",
        ],
        "en": [
            "Hi {first}, as discussed on Tuesday, here are the slides from our meeting. Let me know if anything is missing.",
            "Hi {first}, following up on our call – I've put the draft agenda in the shared folder. Does the 14th still work?",
            "Hello {first}, great talking to you last week. As promised, the case study is attached.",
        ],
    },
    "colleague_sells_mild": {
        "de": [
            "Hi {first}, lange her seit {employer}! Ich habe mich inzwischen mit einer kleinen Beratung selbstständig gemacht. Falls ihr mal Unterstützung bei Datenprojekten braucht, denk an mich – aber vor allem: wie geht's dir?",
            "Hallo {first}, ich bin jetzt bei einem Start-up, das Software für Energieversorger baut. Vielleicht ist das irgendwann spannend für euch. Lass uns mal auf einen Kaffee gehen, wie früher bei {employer}!",
            "Hey {first}, kurzer Gruß aus meiner neuen Firma. Wir machen Schulungen zu {skill} – wenn du jemanden kennst, sag Bescheid. Vermisse die Mittagspausen bei {employer}!",
        ],
        "en": [
            "Hi {first}, long time since {employer}! I've started a small consultancy on research ops. If you ever need a hand, I'd love to help – but mostly, how are you?",
            "Hey {first}, I'm now at a startup building tools for {interest}. Might be interesting for you one day. Coffee soon, like the old {employer} days?",
            "Hi {first}, quick hello from my new company – we run workshops on {skill}. If you know anyone who might need one, let me know. Miss our {employer} lunches!",
        ],
    },
    "good_offer": {
        "de": [
            "Guten Tag {anrede}, Ihr Profil mit {skill} passt sehr gut zu einer Rolle in unserem Datenteam. Alle Eckdaten stehen im Angebot; ich freue mich über Ihre Rückmeldung.",
            "Hallo {anrede}, wir suchen für ein Energieunternehmen in Norddeutschland genau Ihre Erfahrung mit {skill}. Gehalt, Ebene und Standort finden Sie oben – passt das?",
            "Guten Tag {anrede}, ich habe Ihren Vortrag zu {interest} gesehen und denke, die Stelle könnte Sie interessieren. Die Konditionen sind transparent angegeben.",
        ],
        "en": [
            "Hi {first}, your work on {skill} stood out to us. The role details, salary and level are in the offer – happy to answer any questions.",
            "Hello {first}, we're hiring for a fully remote role where {skill} is central. All the details are listed; would you be open to a chat?",
            "Hi {first}, I saw your talk on {interest} and think this role fits you well. Salary range and level are included up front.",
        ],
    },
    "offer_no_salary": {
        "de": [
            "Guten Tag {anrede}, für eine spannende Position mit {skill} suche ich erfahrene Kandidaten. Das Gehalt besprechen wir gerne persönlich.",
            "Hallo {anrede}, ich habe eine vertrauliche Vakanz bei einem Top-Arbeitgeber, die zu Ihrem Profil passt. Details zur Vergütung im Gespräch.",
            "Guten Tag {anrede}, mein Kunde sucht Verstärkung im Bereich {interest}. Interesse an einem ersten Austausch?",
        ],
        "en": [
            "Hi {first}, I have an exciting opportunity involving {skill} with a leading company. Compensation is competitive and can be discussed on a call.",
            "Hello {first}, a confidential role with one of my clients matches your background. Happy to share salary details when we speak.",
            "Hi {first}, my client is growing their team around {interest}. Open to a first conversation?",
        ],
    },
    "rec_colleague": {
        "de": [
            "Hallo {first}, ich bewerbe mich gerade als Teamleiterin bei einem Netzbetreiber. Könntest du eine kurze Empfehlung zu unserem Projekt bei {employer} schreiben? Das wäre großartig.",
            "Hi {first}, du kennst meine Arbeit aus der Zeit bei {employer} am besten. Würdest du mir eine Referenz für meine Bewerbung als Architekt schreiben?",
            "Hallo {first}, für meine Bewerbung bräuchte ich eine Empfehlung von jemandem, mit dem ich eng zusammengearbeitet habe – du warst meine Projektleiterin bei {employer}. Hättest du Zeit?",
        ],
        "en": [
            "Hi {first}, I'm applying for a lead designer role. Would you write a short recommendation about the accessibility project we did together at {employer}?",
            "Hey {first}, you were my manager at {employer} – would you be willing to be a reference for my application?",
            "Hi {first}, could you write a few lines about our collaboration on the onboarding redesign at {employer}? It's for a senior role I'm applying for.",
        ],
    },
    "group_relevant": {
        "de": [
            "Hallo {first}, wir starten eine kleine Runde zu {interest} hier in der Region und treffen uns einmal im Monat. Ich dachte sofort an dich!",
            "Guten Tag {anrede}, die Gruppe tauscht sich zu {interest} und {skill} aus – Ihre Beiträge würden gut passen.",
            "Hallo {first}, magst du unserer Gruppe beitreten? Es geht um {interest}, wir sind etwa 40 Leute aus der Praxis.",
        ],
        "en": [
            "Hi {first}, we're a small group of practitioners discussing {interest}. Thought you'd enjoy it – no sales, just people sharing what works.",
            "Hello {first}, I run a monthly meetup on {interest} and {skill}. We'd love to have you in the group.",
            "Hi {first}, inviting you to our circle on {interest} – about 50 members, all hands-on.",
        ],
    },
    "busy_networker": {
        "de": [
            "Hallo {anrede}, ich organisiere die Regionalgruppe {group} und lade gerade alle ein, die zu {interest} arbeiten. Ihr Beitrag zu {skill} wäre für unsere nächste Runde spannend.",
            "Guten Tag {anrede}, als Sprecherin der {group} baue ich gerade unser Netzwerk aus. Ich habe Ihren Artikel zu {skill} gelesen und würde Sie gerne als Referentin gewinnen.",
            "Hallo {anrede}, ich vernetze mich diese Woche mit vielen Leuten aus {group}, weil wir ein Barcamp zu {interest} planen. Hätten Sie Lust, eine Session zu {skill} zu halten?",
        ],
        "en": [
            "Hi {first}, I organise {group} and I'm reaching out to people working on {interest}. Your post on {skill} would make a great talk for our next evening.",
            "Hello {first}, I'm the new community lead for {group} and connecting with members this week. I loved your thread on {skill} – would you speak at our spring event?",
            "Hi {first}, we're planning an unconference on {interest} and I'm connecting with lots of {group} folks. Would you host a session on {skill}?",
        ],
    },
    "sought_business": {
        "de": [
            "Guten Tag {anrede}, Sie suchen laut Profil nach CRM-Software. Wir haben ein CRM speziell für Logistiker entwickelt – wenn es passt, zeige ich es Ihnen gerne.",
            "Hallo {anrede}, Sie schreiben, dass Sie Vertriebstrainings suchen. Ich trainiere seit zehn Jahren Vertriebsteams in der Logistik und würde mich gerne vorstellen.",
            "Guten Tag {anrede}, Sie suchen Unterstützung für Meetups zu {interest}. Wir stellen Räume und Technik für solche Abende bereit und würden gerne helfen.",
        ],
        "en": [
            "Hi {first}, your profile says you're looking for people analytics tools. We build one for mid-sized HR teams – happy to show you if it's useful.",
            "Hello {first}, I saw you're looking for L&D speakers. I speak on learning culture and would be glad to help with your programme.",
            "Hi {first}, you mentioned you're looking for user research participants. We run a panel of fintech users and could help with recruiting.",
        ],
    },
    "generic_known": {
        "de": [
            "Hallo {first}, würde mich freuen, wenn wir uns vernetzen!",
            "Hi {first}, lass uns vernetzen – wir laufen uns ja ständig über den Weg.",
            "Hallo {first}, gerne möchte ich mein Netzwerk hier aufbauen und dich dabei haben.",
        ],
        "en": [
            "Hi {first}, I'd love to connect!",
            "Hey {first}, let's connect – we keep bumping into each other.",
            "Hi {first}, I'm building my network on here and would like to add you.",
        ],
    },
    "stranger_vague": {
        "de": [
            "Hallo {anrede}, ich würde mich gerne mit Ihnen austauschen.",
            "Guten Tag, ich bin im gleichen Bereich tätig und würde mich über eine Vernetzung freuen.",
            "Hallo, ich baue mein berufliches Netzwerk in Norddeutschland aus und würde Sie gerne hinzufügen.",
        ],
        "en": [
            "Hello {first}, I'd like to connect with you.",
            "Hi, I work in a similar field and thought it would be good to connect.",
            "Hi {first}, I'm expanding my professional network in the region and would like to add you.",
        ],
    },
    "colleague_hard_sell": {
        "de": [
            "Hi {first}, lange nicht gesprochen seit {employer}! Ich bin jetzt Vertriebsleiter bei einem SaaS-Anbieter. Unsere Lösung steigert die Effizienz im Vertrieb um 30 % – buch dir doch direkt einen Termin: https://calendly.com/vertrieb-team/demo",
            "Hallo {first}, wie geht's? Ich habe ein neues Produkt für {interest} mitgegründet. Wir bieten gerade eine kostenlose Demo und 20 % Rabatt für frühe Kunden. Hast du 15 Minuten für einen Call? https://meetings.hubspot.com/sales-nord",
            "Hey {first}, alte {employer}-Zeiten! Kurze Frage: Wir haben eine Plattform, die Kundengewinnung automatisiert. Sichere dir jetzt eine kostenlose Erstberatung – hier geht's zum Kalender: https://cal.com/growth/15min",
        ],
        "en": [
            "Hi {first}, long time since {employer}! I'm now heading sales at a SaaS company – our platform can boost your revenue by 30%. Grab a slot for a demo here: https://calendly.com/growth-team/demo",
            "Hey {first}, hope you're well! I co-founded a tool for {interest} and we're offering a free trial plus 20% off for early customers. Got 15 minutes for a quick call? https://meetings.hubspot.com/emea-sales",
            "Hi {first}, old {employer} friend here! We've built a platform that automates lead generation – book a free consultation in my calendar: https://cal.com/pipeline/15min",
        ],
    },
    "collector_blatant": {
        "de": [
            "Hallo, ich würde mich freuen, Sie zu meinem beruflichen Netzwerk hinzuzufügen. Aus unserer Verbindung könnte etwas Interessantes entstehen.",
            "Guten Tag, ich bin auf Ihr Profil gestoßen und würde mich gerne vernetzen. Gleichgesinnte sollten sich gegenseitig unterstützen!",
            "Hallo! Ich kann Ihnen mit meinem Netzwerk helfen – lassen Sie uns vernetzen, ich freue mich auf wertvolle Kontakte.",
        ],
        "en": [
            "Hi, I'd like to add you to my professional network. Something interesting could come of our connection.",
            "Hello, I came across your profile and would love to connect. Like-minded professionals should support each other!",
            "Hi there! I can help you with my network – let's connect, always happy to connect with valuable people.",
        ],
    },
    "collector_mailmerge": {
        "de": [
            "Hallo {anrede}, ich habe gesehen, dass Sie bei {company} tätig sind – beeindruckend! Ich verbinde mich gerne mit Menschen aus Ihrer Branche, um voneinander zu lernen. Freue mich auf den Austausch!",
            "Guten Tag {anrede}, Ihr Werdegang bei {company} ist wirklich spannend. Ich baue gerade ein Netzwerk von Entscheidern in Norddeutschland auf und würde Sie gerne dabeihaben.",
            "Hallo {anrede}, als Experte bei {company} haben Sie sicher viel zu erzählen. Ich tausche mich gerne mit Fachleuten wie Ihnen aus – wollen wir uns vernetzen?",
        ],
        "en": [
            "Hi {first}, I noticed you work at {company} – impressive! I enjoy connecting with people in your industry to learn from each other. Looking forward to connecting!",
            "Hello {first}, your journey at {company} really caught my attention. I'm building a network of decision makers in the UK and would love to have you in it.",
            "Hi {first}, as an expert at {company} you must have great insights. I like exchanging ideas with professionals like you – shall we connect?",
        ],
    },
    "spun_template": {
        "de": [
            "Hallo {anrede}, {Ihr Profil|Ihr Werdegang|Ihr Lebenslauf} ist {wirklich|echt|sehr} {spannend|beeindruckend|inspirierend}. Ich {unterstütze|begleite|berate} Unternehmen bei der {Digitalisierung|digitalen Transformation|Automatisierung} und würde mich {über eine Vernetzung|über den Kontakt|über eine Verbindung} {freuen|sehr freuen}.",
            "Guten Tag {anrede}, ich {bin auf Ihr Profil gestoßen|habe Ihr Profil entdeckt|bin über Ihr Profil gestolpert} und {finde|fand} {Ihre Erfahrung|Ihren Hintergrund|Ihre Laufbahn} {sehr interessant|spannend|bemerkenswert}. {Vielleicht|Eventuell|Möglicherweise} ergeben sich {Synergien|gemeinsame Chancen|neue Möglichkeiten} für uns beide.",
            "Hallo {anrede}, {gerne|sehr gerne} möchte ich mich mit Ihnen {vernetzen|verbinden}. {Wir helfen|Unser Team hilft|Ich helfe} {Firmen|Unternehmen|Mittelständlern} dabei, {mehr Kunden zu gewinnen|neue Kunden zu finden|ihren Umsatz zu steigern} – {vielleicht|eventuell} auch Ihnen.",
        ],
        "en": [
            "Hi {first}, {your profile|your background|your career} is {really|truly|genuinely} {impressive|inspiring|remarkable}. I {help|support|work with} companies {with|on} {digital transformation|automation|process digitisation} and would {love|like|be glad} to {connect|link up}.",
            "Hello {first}, I {came across|stumbled upon|found} your profile and {found|thought} {your experience|your background|your journey} {very interesting|fascinating|really exciting}. {Perhaps|Maybe} there are {synergies|opportunities|shared chances} for both of us.",
            "Hi {first}, {I'd love|I would like|I'd be happy} to {connect|link up} with you. {We help|Our team helps|I help} {companies|businesses|firms} {win more clients|find new customers|grow their revenue} – {maybe|perhaps} yours too.",
        ],
    },
    "cross_sender": {
        "de": [
            "Sehr geehrte Damen und Herren, unsere Agentur unterstützt mittelständische Unternehmen bei der Gewinnung von Fachkräften über soziale Netzwerke. Darf ich Ihnen unser Konzept in einem kurzen Gespräch vorstellen?",
            "Hallo {anrede}, wir haben eine Methode entwickelt, mit der Handwerksbetriebe in 90 Tagen doppelt so viele Anfragen erhalten. Hätten Sie diese Woche zehn Minuten Zeit für ein Telefonat?",
            "Guten Tag {anrede}, viele Führungskräfte verlieren täglich zwei Stunden mit E-Mails. Unser Coaching-Programm ändert das nachhaltig. Sollen wir kurz sprechen, ob das für Sie infrage kommt?",
        ],
        "en": [
            "Hi {first}, our agency helps mid-sized companies hire skilled staff through social media. Could I walk you through our approach in a short call this week?",
            "Hello {first}, we've developed a method that gets B2B firms twice the inbound leads in 90 days. Do you have ten minutes for a call this week?",
            "Hi {first}, most leaders lose two hours a day to email. Our coaching programme fixes that for good. Shall we have a quick chat to see if it's right for you?",
        ],
    },
    "locust_pitch": {
        "de": [
            "Danke für die Vernetzung, {anrede}! Kurz zu uns: Mit unserer Software automatisieren Sie Ihre Buchhaltung und sparen 40 % Zeit. Wann passt Ihnen eine kostenlose Demo?",
            "Hallo {anrede}, schön, dass wir jetzt vernetzt sind. Wir bieten Unternehmen wie {company} exklusive Webinare zur Leadgenerierung – nur noch drei Plätze frei! Jetzt anmelden.",
            "Vielen Dank für die Annahme, {anrede}. Unsere Lösung steigert Ihren Umsatz nachweislich. Darf ich Ihnen ein unverbindliches Angebot schicken?",
        ],
        "en": [
            "Thanks for connecting, {first}! Quick intro: our software automates your bookkeeping and saves 40% of the time. When would suit you for a free demo?",
            "Hi {first}, glad we're connected. We offer companies like {company} an exclusive webinar on lead generation – only 3 spots left, sign up today!",
            "Thanks for accepting, {first}. Our solution is proven to increase your revenue. Can I send you a no-obligation offer?",
        ],
    },
    "false_claim": {
        "de": [
            "Guten Tag {anrede}, wie telefonisch besprochen sende ich Ihnen anbei unsere Unterlagen zur Prozessoptimierung. Ich melde mich Anfang nächster Woche.",
            "Hallo {anrede}, leider haben Sie unseren Termin gestern verpasst. Wann passt es Ihnen stattdessen? Ich habe noch Slots am Donnerstag.",
            "Guten Tag {anrede}, wie vereinbart komme ich auf unser letztes Gespräch zurück. Haben Sie sich das Angebot schon angesehen?",
        ],
        "en": [
            "Hi {first}, as discussed on the phone, please find our brochure on process optimisation attached. I'll follow up early next week.",
            "Hello {first}, you missed our appointment yesterday – no worries! When would suit you instead? I still have slots on Thursday.",
            "Hi {first}, following up on our conversation last week – have you had a chance to look at the proposal?",
        ],
    },
    "lazy_offer": {
        "de": [
            "Hallo, ich habe eine tolle Stelle für Sie! Melden Sie sich bei Interesse.",
            "Guten Tag, mein Kunde sucht dringend Verstärkung. Anbei die Stellenbeschreibung, bitte schicken Sie mir Ihren Lebenslauf.",
            "Hallo, spannende Position bei einem Top-Unternehmen – passt perfekt zu Ihrem Profil! Wann können wir telefonieren?",
        ],
        "en": [
            "Hi, I have a great opportunity for you! Let me know if you're interested.",
            "Hello, my client urgently needs someone. Job spec attached, please send me your CV.",
            "Hi, exciting role at a top company – perfect fit for your profile! When can we talk?",
        ],
    },
    "offer_just_under": {
        "de": [
            "Guten Tag {anrede}, ich habe Ihre Beiträge zu {skill} verfolgt und finde, Sie wären ideal für diese Rolle in unserem Team. Alle Eckdaten stehen im Angebot – ich freue mich auf Ihre Rückmeldung.",
            "Hallo {anrede}, Ihre Erfahrung mit {skill} und {interest} ist genau das, was wir suchen. Die Stelle ist in Ihrer Region, und das Gehalt ist transparent angegeben.",
            "Guten Tag {anrede}, wir bauen ein Team rund um {interest} auf, und Ihr Profil passt sehr gut. Gerne erzähle ich Ihnen mehr über das Projekt.",
        ],
        "en": [
            "Hi {first}, I've followed your work on {skill} and think you'd be ideal for this role. Everything is in the offer – looking forward to hearing from you.",
            "Hello {first}, your experience with {skill} and {interest} is exactly what we need. The role matches your location and the salary is stated up front.",
            "Hi {first}, we're building a team around {interest} and your profile fits very well. Happy to tell you more about the project.",
        ],
    },
    "rec_stranger": {
        "de": [
            "Hallo, können Sie mir bitte eine Empfehlung schreiben?",
            "Guten Tag, ich würde mich sehr über eine Empfehlung von Ihnen freuen!",
            "Hallo {anrede}, eine kurze Empfehlung von Ihnen würde mir sehr helfen. Danke!",
        ],
        "en": [
            "Hi, could you please write me a recommendation?",
            "Hello, I'd really appreciate an endorsement from you!",
            "Hi {first}, a quick recommendation from you would mean a lot. Thanks!",
        ],
    },
    "group_bulk": {
        "de": [
            "Treten Sie unserer exklusiven Gruppe bei – hier vernetzen sich Gleichgesinnte!",
            "Hallo! Ich lade Sie herzlich in meine Gruppe ein. Je mehr Mitglieder, desto besser!",
            "Neue Gruppe für erfolgreiche Unternehmer – jetzt beitreten und profitieren.",
        ],
        "en": [
            "Join our exclusive group – where like-minded professionals grow together!",
            "Hi! You're invited to my group. The more members the better!",
            "New group for successful entrepreneurs – join now and benefit.",
        ],
    },
    "meeting_link_cold": {
        "de": [
            "Guten Tag {anrede}, ich zeige Ihnen in 15 Minuten, wie Sie Ihre Vertriebsprozesse verbessern. Buchen Sie hier direkt einen Termin: https://calendly.com/sales-pro/15min",
            "Hallo {anrede}, hätten Sie Lust auf einen kurzen Austausch über Ihre Ziele für 2025? Suchen Sie sich einfach einen Termin aus: https://cal.com/beratung/erstgespraech",
            "Guten Tag {anrede}, ich würde gerne von Ihren Herausforderungen hören. Hier ist mein Kalender: https://meetings.hubspot.com/neukunden",
        ],
        "en": [
            "Hi {first}, I can show you in 15 minutes how to improve your sales process. Book a time here: https://calendly.com/growth-pro/15min",
            "Hello {first}, fancy a quick chat about your goals for this year? Just pick a time: https://cal.com/consulting/intro",
            "Hi {first}, I'd love to hear about your challenges. Here's my calendar: https://meetings.hubspot.com/new-business",
        ],
    },
    "bait_message": {
        "de": [
            "Wer stimmt zu? Erfolg ist eine Entscheidung! Kommentieren Sie mit JA 👇 #erfolg #motivation #mindset #business #leadership",
            "Teilen Sie diesen Beitrag, wenn Sie auch finden, dass Montag der beste Tag ist! #montag #motivation #karriere #erfolg #arbeit",
            "Daumen hoch, wenn Sie das kennen! Schreiben Sie Ihre Meinung in die Kommentare. #networking #vertrieb #wachstum #ki #zukunft",
        ],
        "en": [
            "Who else believes success is a choice? Comment YES below 👇 #success #motivation #mindset #business #leadership",
            "Share if you agree that Monday is the best day! #monday #motivation #career #success #work",
            "Tag someone who needs to hear this! #networking #sales #growth #ai #future",
        ],
    },
    "unbacked_intent": {
        "de": [
            "Hallo {anrede}, wir haben doch früher zusammengearbeitet – lassen Sie uns wieder vernetzen!",
            "Guten Tag {anrede}, ich glaube, wir kennen uns aus einem früheren Projekt. Ich würde mich über die Vernetzung freuen.",
            "Hallo {anrede}, schön, Sie wiederzusehen! Ich würde Sie gerne zu meinem Netzwerk hinzufügen.",
        ],
        "en": [
            "Hi {first}, we worked together a while back – let's reconnect!",
            "Hello {first}, I believe we know each other from a previous project. Would be great to connect.",
            "Hi {first}, good to see you again! I'd like to add you to my network.",
        ],
    },
}  # fmt: skip

### Scenarios: kind, label, hard, and the facts around the text ###


@dataclass(frozen=True)
class Scenario:
    name: str
    kind: str
    label: str
    hard: bool
    copies: int = 2


SCENARIOS = [
    Scenario("colleague", "contact_request", "welcome", False),
    Scenario("meetup", "contact_request", "welcome", False),
    Scenario("stranger_specific", "contact_request", "welcome", True),
    Scenario("classmate", "contact_request", "welcome", False),
    Scenario("followup_real", "message", "welcome", True),
    Scenario("colleague_sells_mild", "message", "welcome", True),
    Scenario("good_offer", "recruiter_offer", "welcome", False),
    Scenario("rec_colleague", "recommendation_request", "welcome", False),
    Scenario("group_relevant", "group_invitation", "welcome", False),
    Scenario("busy_networker", "contact_request", "welcome", True),
    Scenario("sought_business", "message", "welcome", True),
    Scenario("generic_known", "contact_request", "welcome", True),
    Scenario("stranger_vague", "contact_request", "review", True),
    Scenario("offer_no_salary", "recruiter_offer", "review", False),
    Scenario("colleague_hard_sell", "message", "review", True),
    Scenario("collector_blatant", "contact_request", "spam", False),
    Scenario("collector_mailmerge", "contact_request", "spam", True),
    Scenario("spun_template", "contact_request", "spam", True),
    # One template used by many accounts: four senders per text (five in the held-out part).
    Scenario("cross_sender", "message", "spam", True, copies=4),
    Scenario("locust_pitch", "message", "decline", False),
    Scenario("false_claim", "message", "spam", True),
    Scenario("lazy_offer", "recruiter_offer", "decline", False),
    Scenario("offer_just_under", "recruiter_offer", "decline", True),
    Scenario("rec_stranger", "recommendation_request", "decline", False),
    Scenario("group_bulk", "group_invitation", "decline", False),
    Scenario("meeting_link_cold", "message", "decline", False),
    Scenario("bait_message", "message", "decline", False),
    Scenario("unbacked_intent", "contact_request", "decline", True),
]

_SPIN = re.compile(r"\{([^{}]*\|[^{}]*)\}")


def spin(text: str, rng: random.Random) -> str:
    """Choose one alternative of each "{a|b|c}"."""
    return _SPIN.sub(lambda m: rng.choice(m.group(1).split("|")), text)


def fill(text: str, rng: random.Random, **values: str) -> str:
    return spin(text, rng).format(**values)


def _sender(rng: random.Random, lang: str, **facts: Any) -> dict[str, Any]:
    first = rng.choice(FIRST_DE if lang == "de" else FIRST_EN)
    last = rng.choice(LAST_DE if lang == "de" else LAST_EN)
    sent90 = rng.randint(5, 40)
    base = {
        "id": f"s-{first.lower()}-{last.lower()}-{rng.randrange(10**6)}",
        "name": f"{first} {last}",
        "headline": rng.choice(
            ["Consultant", "Engineer", "Product Manager", "Founder", "Recruiter"]
        ),
        "contacts": rng.randint(80, 700),
        "account_age_days": rng.randint(200, 3000),
        "requests_sent_7d": rng.randint(0, 8),
        "requests_sent_90d": sent90,
        "requests_accepted_90d": int(sent90 * rng.uniform(0.5, 0.95)),
        "reports_90d": 0,
        "recent_texts": [],
        "offering": [],
        "seeking": [],
    }
    base.update(facts)
    return base


def _relation(rng: random.Random, **facts: Any) -> dict[str, Any]:
    base = {
        "connected": False,
        "connected_at": None,
        "mutual_contacts": rng.randint(0, 2),
        "viewed_profile_before": rng.random() < 0.6,
        "shared_employers": [],
        "shared_schools": [],
        "shared_groups": [],
        "shared_events": [],
        "prior_messages": 0,
        "prior_meetings": 0,
    }
    base.update(facts)
    return base


def _template_copies(template: str, rng: random.Random, n: int, lang: str) -> list[str]:
    out = []
    for _ in range(n):
        anrede, first, company = rng.choice(OTHERS)
        out.append(fill(template, rng, anrede=anrede if lang == "de" else first, first=first,
                        company=company, skill="Vertrieb", interest="Digitalisierung",
                        employer=company, event="", school="", group="", me=""))  # fmt: skip
    return out


def build_case(sc: Scenario, text: str, lang: str, rng: random.Random, n: int) -> dict[str, Any]:
    """One case of a scenario around one hand-written text."""
    rkey = rng.choice(BY_LANG[lang])
    r = RECIPIENTS[rkey]
    employer = rng.choice([e for e in EMPLOYERS if e != r["company"]])
    event, school, group = rng.choice(EVENTS), rng.choice(SCHOOLS), rng.choice(GROUPS)
    values = {
        "anrede": r["anrede"], "first": r["first"], "company": r["company"], "skill": r["skill"],
        "interest": r["interest"], "employer": employer, "event": event, "school": school,
        "group": group, "me": rng.choice(FIRST_DE if lang == "de" else FIRST_EN),
    }  # fmt: skip
    note = fill(text, rng, **values)
    sender = _sender(rng, lang)
    rel = _relation(rng)
    intent = None
    offer = None
    grp = None
    name = sc.name
    if name == "colleague":
        rel.update(shared_employers=[employer], mutual_contacts=rng.randint(3, 25))
        intent = "worked_together"
    elif name == "meetup":
        rel.update(shared_events=[event], viewed_profile_before=rng.random() < 0.4)
        intent = "met"
        if n % 2:
            sender["recent_texts"] = [fill(text, rng, **{**values, "anrede": o[0], "first": o[1]})
                                      for o in rng.sample(OTHERS, 3)]  # fmt: skip
    elif name == "stranger_specific":
        rel.update(viewed_profile_before=True, mutual_contacts=rng.randint(0, 2))
        intent = "shared_interest"
    elif name == "classmate":
        rel.update(shared_schools=[school], mutual_contacts=rng.randint(0, 8))
    elif name == "followup_real":
        rel.update(connected=True, connected_at="2024-11-02T10:00:00+00:00",
                   prior_messages=rng.randint(2, 30), prior_meetings=rng.randint(1, 3))  # fmt: skip
    elif name == "colleague_sells_mild":
        rel.update(connected=True, connected_at="2021-06-01T10:00:00+00:00",
                   shared_employers=[employer], prior_messages=rng.randint(0, 40),
                   mutual_contacts=rng.randint(5, 30))  # fmt: skip
        sender["offering"] = ["consulting"]
    elif name in {"good_offer", "offer_no_salary", "offer_just_under", "lazy_offer"}:
        sender.update(
            headline="Recruiter",
            contacts=rng.randint(1500, 6000),
            requests_sent_7d=rng.randint(5, 30),
        )
        prefs = r["preferences"]
        floor = prefs["min_salary"]
        level = prefs["levels"][0]
        location = prefs["locations"][0]
        skills = r["skills"][:3]
        offer = {"title": f"{level.title()} {r['headline'].split(' at ')[0]}", "level": level,
                 "salary_min": floor + 2000, "salary_max": floor + 15000, "currency": prefs["currency"],
                 "location": location, "remote": prefs["remote_only"], "skills": skills}  # fmt: skip
        if name == "offer_no_salary":
            offer.update(salary_min=None, salary_max=None)
        elif name == "offer_just_under":
            offer.update(salary_min=floor - 9000, salary_max=floor - rng.choice([1000, 2000, 3000]))
            rel["viewed_profile_before"] = True
        elif name == "lazy_offer":
            flaw = n % 3
            if flaw == 0:
                offer.update(salary_min=int(floor * 0.55), salary_max=int(floor * 0.68))
            elif flaw == 1:
                offer.update(
                    level="junior", salary_min=int(floor * 0.6), salary_max=int(floor * 0.8)
                )
            else:
                offer.update(
                    skills=["SAP ABAP", "COBOL", "Oracle Forms"], location="Stuttgart", remote=False
                )
            offer["title"] = "Great opportunity"
            rel["viewed_profile_before"] = False
        else:
            rel["viewed_profile_before"] = True
        intent = "recruiting"
    elif name == "rec_colleague":
        rel.update(shared_employers=[employer], connected=True, connected_at="2020-01-01T10:00:00+00:00",
                   prior_messages=rng.randint(1, 40), mutual_contacts=rng.randint(3, 20))  # fmt: skip
    elif name == "group_relevant":
        grp = {"name": f"{r['interest']} {rng.choice(['Runde', 'Circle', 'Forum'])}",
               "topics": [r["interests"][0], rng.choice(["meetups", "best practices"])],
               "inviter_invites_7d": rng.randint(1, 15)}  # fmt: skip
        rel.update(mutual_contacts=rng.randint(0, 10))
    elif name == "busy_networker":
        sent90 = rng.randint(120, 300)
        sender.update(requests_sent_7d=rng.randint(22, 45), requests_sent_90d=sent90,
                      requests_accepted_90d=int(sent90 * rng.uniform(0.55, 0.8)),
                      contacts=rng.randint(800, 2500))  # fmt: skip
        rel.update(
            shared_groups=[group], viewed_profile_before=True, mutual_contacts=rng.randint(0, 6)
        )
    elif name == "sought_business":
        sender["offering"] = [rng.choice(r["seeking"])]
        rel.update(viewed_profile_before=True, mutual_contacts=rng.randint(0, 3))
        intent = "business"
    elif name == "generic_known":
        rel.update(mutual_contacts=rng.randint(4, 20), shared_groups=[group] if n % 2 else [],
                   shared_events=[] if n % 2 else [event])  # fmt: skip
    elif name == "stranger_vague":
        sender.update(requests_sent_7d=rng.randint(3, 15))
        rel.update(mutual_contacts=rng.randint(0, 2), viewed_profile_before=rng.random() < 0.5)
    elif name == "colleague_hard_sell":
        rel.update(connected=True, connected_at="2021-06-01T10:00:00+00:00", shared_employers=[employer],
                   prior_messages=rng.randint(0, 10), mutual_contacts=rng.randint(3, 20))  # fmt: skip
        sender.update(offering=["SaaS platform"], requests_sent_7d=rng.randint(5, 25))
    elif name == "collector_blatant":
        sent90 = rng.randint(600, 2000)
        sender.update(requests_sent_7d=rng.randint(80, 250), requests_sent_90d=sent90,
                      requests_accepted_90d=int(sent90 * rng.uniform(0.05, 0.2)),
                      contacts=rng.randint(3000, 12000), reports_90d=rng.randint(0, 6),
                      recent_texts=[note] * rng.randint(5, 20))  # fmt: skip
        rel.update(viewed_profile_before=False, mutual_contacts=rng.randint(0, 4))
    elif name in {"collector_mailmerge", "spun_template"}:
        sent90 = rng.randint(60, 150)
        sender.update(requests_sent_7d=rng.randint(8, 30), requests_sent_90d=sent90,
                      requests_accepted_90d=int(sent90 * rng.uniform(0.3, 0.5)),
                      contacts=rng.randint(400, 2000),
                      recent_texts=_template_copies(text, rng, rng.randint(4, 14), lang))  # fmt: skip
        # Automation tools open the profile before sending, so the view proves nothing.
        rel.update(viewed_profile_before=True, mutual_contacts=rng.randint(0, 4))
    elif name == "cross_sender":
        sender.update(requests_sent_7d=rng.randint(2, 12),
                      recent_texts=_template_copies(text, rng, rng.randint(1, 3), lang))  # fmt: skip
        rel.update(connected=rng.random() < 0.5, connected_at="2024-06-01T10:00:00+00:00")
    elif name == "locust_pitch":
        rel.update(connected=True, connected_at=f"2025-03-0{rng.randint(1, 3)}T08:00:00+00:00",
                   mutual_contacts=rng.randint(0, 5))  # fmt: skip
        sender.update(offering=["accounting software", "lead generation"])
    elif name == "false_claim":
        rel.update(connected=rng.random() < 0.6, connected_at="2025-02-20T08:00:00+00:00")
        sender.update(requests_sent_7d=rng.randint(2, 15))
    elif name == "rec_stranger":
        sender.update(requests_sent_7d=rng.randint(2, 20))
    elif name == "group_bulk":
        grp = {"name": rng.choice(["Erfolgreiche Unternehmer", "Millionaire Mindset", "Crypto Business Club"]),
               "topics": [rng.choice(["crypto trading", "network marketing", "passive income"])],
               "inviter_invites_7d": rng.randint(80, 600)}  # fmt: skip
    elif name == "meeting_link_cold":
        sender.update(offering=["sales consulting"])
    elif name == "bait_message":
        rel.update(connected=True, connected_at="2023-01-01T08:00:00+00:00")
    elif name == "unbacked_intent":
        intent = "worked_together"
        rel.update(mutual_contacts=rng.randint(0, 2))
    return {
        "id": f"{name}-{lang}-{n}",
        "kind": sc.kind,
        "lang": lang,
        "text": note,
        "sent_at": SENT_AT,
        "intent": intent,
        "sender": sender,
        "recipient": {
            k: v
            for k, v in r.items()
            if k not in {"first", "anrede", "company", "skill", "interest"}
        },
        "relation": rel,
        "offer": offer,
        "group": grp,
    }


def build_corpus(seed: int = 7) -> dict[str, list[tuple[dict[str, Any], dict[str, Any]]]]:
    """{"tuning": [(case, label)], "heldout": [...]}: text 0 and 1 tune, text 2 is held out."""
    rng = random.Random(seed)
    parts: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {"tuning": [], "heldout": []}
    for sc in SCENARIOS:
        for lang in ("de", "en"):
            for t_index, text in enumerate(TEXTS[sc.name][lang]):
                part = "heldout" if t_index == 2 else "tuning"
                copies = sc.copies + (1 if part == "heldout" else 0)
                for c in range(copies):
                    n = t_index * 10 + c
                    case = build_case(sc, text, lang, rng, n)
                    label = {
                        "id": case["id"],
                        "label": sc.label,
                        "hard": sc.hard,
                        "scenario": sc.name,
                    }
                    parts[part].append((case, label))
    return parts


def write_corpus() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for part, rows in build_corpus().items():
        with (OUT / f"cases_{part}.jsonl").open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(c, ensure_ascii=False) + "\n" for c, _ in rows)
        with (OUT / f"labels_{part}.jsonl").open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(lab, ensure_ascii=False) + "\n" for _, lab in rows)
        print(f"{part}: {len(rows)} cases")


### Synthetic texts for the benchmark ###

_BENCH_WORDS = [
    "projekt",
    "team",
    "daten",
    "kunde",
    "angebot",
    "netzwerk",
    "austausch",
    "idee",
    "frage",
    "vortrag",
    "konferenz",
    "meetup",
    "plattform",
    "software",
    "beratung",
    "erfahrung",
    "profil",
    "thema",
    "event",
    "gruppe",
    "stelle",
    "bewerbung",
    "empfehlung",
    "project",
    "data",
    "customer",
    "offer",
    "network",
    "exchange",
    "idea",
    "question",
    "talk",
    "conference",
    "platform",
    "advice",
    "experience",
    "profile",
    "topic",
    "group",
    "role",
    "application",
    "recommendation",
    "hiring",
    "product",
    "design",
]


def bench_texts(n: int, seed: int = 1, templates: int = 2000) -> tuple[list[str], list[int]]:
    """n texts of about 300 characters, a fifth of them copies of shared templates with merged
    names and spun words; returns texts and their senders (as ints)."""
    rng = random.Random(seed)
    bases = [" ".join(rng.choices(_BENCH_WORDS, k=45)) for _ in range(templates)]
    texts, senders = [], []
    for i in range(n):
        if i % 5 == 0:
            words = rng.choice(bases).split()
            for _ in range(3):
                words[rng.randrange(len(words))] = rng.choice(_BENCH_WORDS)
            texts.append(f"Hallo {rng.choice(FIRST_DE)}, " + " ".join(words))
        else:
            texts.append(" ".join(rng.choices(_BENCH_WORDS, k=45)))
        senders.append(rng.randrange(200_000))
    return texts, senders


if __name__ == "__main__":
    write_corpus()
