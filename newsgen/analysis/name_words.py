"""The words around and inside names: titles and posts, nationalities, organisations'
heads. They help the span chunker and the tagger decide what a capitalised run is, and
the rules what a name is not (a post, "Labour MP"; a nationality, "American")."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A word list written as one string."""
    return frozenset(text.split())


def phrases(text: str) -> frozenset[str]:
    """The comma-separated phrases of a list written as text, as `words` for words."""
    return frozenset(p.strip() for p in text.split(",") if p.strip())


# Particles that open or sit inside a surname: "van Persie", "de Zeeuw", "da Silva", "bin
# Laden" (`entity_linking.link_surnames`, `span_rules.squad_start`).
SURNAME_PARTICLES = words("van von de der den da di du dos das del della le la al el bin ben")

# Words that name a role, not a person: cut from the front of a person's name.
HEAD_TITLES = words(
    """
    mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame lord lady president minister
    premier chancellor senator sen. rep. representative governor gov. mayor king queen
    prince princess pope judge justice general gen. lt. colonel col. captain capt.
    major maj. sergeant sgt. admiral commander chairman chairwoman chief secretary
    ambassador envoy spokesman spokeswoman spokesperson director coach manager leader
    archbishop bishop cardinal reverend rev. father sheikh ayatollah emperor dictator
    president-elect vice-president ceo officer inspector detective professor doctor
    striker midfielder defender goalkeeper keeper batsman bowler champion
    mp mep msp mla td speaker congressman congresswoman taoiseach tanaiste rabbi imam
    """
)
# Titles a wire abbreviates without a full stop, cut from before a name ("Sen William
# Proxmire"); never a post at a name's end, where they are names ("Hun Sen").
PREFIX_TITLES = words("sen rep gov lt col maj sgt")

# Words that modify a following title ("Prime Minister", "Defense Secretary").
TITLE_MODIFIERS = words(
    """
    prime vice deputy foreign defense defence finance interior home justice trade
    economy health education energy state first former acting senior chief general
    attorney security labour labor agriculture environment culture transport
    treasury executive managing assistant associate opposition party team national
    supreme grand crown then-u.s. then
    """
)

# A post's portfolio after "of": "Secretary of State", "Minister of Foreign Affairs".
PORTFOLIO_WORDS = TITLE_MODIFIERS | words(
    """
    affairs homeland commerce transportation veterans war information development
    internal industry housing communications welfare immigration technology science
    tourism sport sports planning works public social services exchequer
    """
)

# Last words of organisation names.
ORG_HEADS = words(
    """
    agency association authority bank board bureau church club co co. college commission
    committee company corp corp. corporation council court department federation forces
    foundation fund group inc inc. institute league ltd ltd. ministry movement museum
    network office organisation organization parliament party police press service
    society union university army navy airlines airways congress senate assembly
    cabinet exchange times post journal news tribune herald telegraph guardian reserve
    treasury bundesbank government administration
    television radio broadcasting industries holdings motors systems technologies
    """
)

# Heads that take an "of" phrase inside the name ("Bank of England", "Republic of Korea").
OF_HEADS = ORG_HEADS | words(
    """
    republic kingdom duke duchess earl gulf sea isle isles bay cape strait horn province state states
    city house people prince princess king queen lord bishop archbishop sultan emir
    department secretary
    """
)

# News agencies and a few bodies that appear as sources: acronym -> full name.
KNOWN_ORGS = {
    "KCNA": "Korean Central News Agency",
    "AP": "Associated Press",
    "AFP": "Agence France-Presse",
    "UPI": "United Press International",
    "Reuters": "Reuters",
    "Xinhua": "Xinhua",
    "Yonhap": "Yonhap",
    "TASS": "TASS",
    "Interfax": "Interfax",
    "Bloomberg": "Bloomberg",
    "BBC": "BBC",
    "CNN": "CNN",
    "UN": "United Nations",
    "U.N.": "United Nations",
    "NATO": "NATO",
    "EU": "European Union",
    "E.U.": "European Union",
    "IMF": "International Monetary Fund",
    "WHO": "World Health Organization",
    "FBI": "FBI",
    "CIA": "CIA",
    "Pentagon": "Pentagon",
    "White House": "White House",
    "Kremlin": "Kremlin",
}

# Nationality words: never a place on their own (gold treats them as "misc").
DEMONYMS = words(
    """
    american americans british briton britons english scottish welsh irish french german
    germans italian italians spanish spaniard portuguese dutch belgian swiss austrian
    swedish swede norwegian danish dane finnish finn icelandic polish pole czech slovak
    hungarian romanian bulgarian greek greeks turkish turk turks russian russians
    ukrainian ukrainians belarusian lithuanian latvian estonian serbian serb serbs croatian
    croat croats bosnian slovenian albanian macedonian georgian armenian azerbaijani
    kazakh uzbek afghan pakistani pakistanis indian indians bangladeshi sri lankan nepalese
    chinese japanese korean koreans taiwanese vietnamese thai cambodian
    laotian burmese malaysian singaporean indonesian filipino australian australians
    zealander canadian canadians mexican mexicans cuban brazilian argentine argentinian
    chilean peruvian colombian venezuelan bolivian ecuadorian uruguayan paraguayan
    egyptian libyan tunisian algerian moroccan sudanese ethiopian kenyan nigerian
    nigerians ghanaian senegalese somali south african zimbabwean zambian ugandan
    rwandan congolese angolan iranian iranians iraqi iraqis syrian syrians lebanese
    jordanian israeli israelis palestinian palestinians saudi saudis yemeni omani
    kuwaiti qatari emirati european europeans asian african arab arabs latin
    soviet yugoslav kurdish kurd kurds jewish muslim muslims christian catholic
    protestant sunni shi'ite shiite hindu sikh buddhist caribbean scandinavian nordic
    baltic balkan slav cypriot maltese
    luxembourgish monegasque jamaican haitian dominican puerto rican
    """
)
