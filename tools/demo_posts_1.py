"""The demo corpus, part 1: the incidents (claims about the same breach on several sources and days).

Every organisation, person, handle, address and number here is invented for the demo; group names of public
ransomware and hacktivist crews appear as the actors they are. Channels:
  forum   -> files/claims-forums.jsonl (HOSTILE_POSTS: files/claims-hostile.jsonl)
  leak    -> files/leaksite_export.csv   note -> files/notes/<id>.txt
  rss     -> feeds/darkfeed.xml             atom  -> feeds/leakwatch.atom
  tg:<c>  -> telegram/<c>/result.json       xf / mybb / phpbb -> forum/<layout>/ thread pages
"""

INCIDENT_POSTS = [
    # I01 — a Mexican state pension institute: forum sale, Telegram re-post two days later, a feed write-up
    dict(
        inc="I01",
        ch="forum",
        id="bf-20417",
        date="2026-09-02T08:41:00Z",
        author="Sc4rab",
        source="BreachMarket forum",
        title="[SELLING] Instituto Estatal de Pensiones de Valdeluna (IEPV) - 1.4M",
        text="Vendo base de datos completa del Instituto Estatal de Pensiones de Valdeluna (IEPV), México.\n"
        "1,4 millones de registros de empleados y derechohabientes.\n"
        "Campos: nombre, curp, rfc, nss, fecha_nacimiento, domicilio, telefono, salario, numero_contrato\n"
        "Tamaño: 2.3 GB (SQL dump). Acceso obtenido en agosto 2026.\n"
        "Precio: 4,500 USD en BTC o XMR. Escrow del foro aceptado. Solo compradores serios, PM.",
    ),
    dict(
        inc="I01",
        ch="tg:leakbazaar",
        id="812",
        date="2026-09-04T19:03:11Z",
        author="LeakBazaar",
        text="🔥 NEW: IEPV Valdeluna (gob.mx) pensions database — 1.4M rows, CURP / RFC / NSS / salaries.\n"
        "Seller Sc4rab, 4500$ BTC/XMR. Escrow available. Sample in comments 👇",
    ),
    dict(
        inc="I01",
        ch="rss",
        id="darkfeed-2026-0904-iepv",
        date="2026-09-05T07:15:00Z",
        author="DarkFeed desk",
        title="Threat actor offers alleged database of Mexico's Valdeluna state pension institute",
        text="<p>A threat actor using the handle <b>Sc4rab</b> claims to be selling a database stolen from the "
        "Instituto Estatal de Pensiones de Valdeluna (IEPV), a state pension institute in Mexico.</p>"
        "<p>The post advertises about 1.4 million records of employees and beneficiaries, including CURP, "
        "RFC and social security (NSS) numbers, dates of birth, addresses and salaries, for 4,500 USD.</p>"
        "<p>The claim has not been verified.</p>",
    ),
    # I02 — a Norwegian logistics firm on a ransomware leak site, then "part 2", then a tracker's entry
    dict(
        inc="I02",
        ch="leak",
        id="akira-nordvik-1",
        date="2026-08-19T22:10:00Z",
        source="Akira leak site",
        title="Nordvik Logistik AS",
        text="Nordvik Logistik AS is a freight forwarding and warehousing company from Bergen, Norway. "
        "We have taken 210 GB of their data: contracts, employee passports, payroll, customer shipping "
        "records and NDA documents. They preferred to keep silence. Data will be published soon.",
    ),
    dict(
        inc="I02",
        ch="leak",
        id="akira-nordvik-2",
        date="2026-08-29T21:55:00Z",
        source="Akira leak site",
        title="Nordvik Logistik AS (part 2)",
        text="Nordvik Logistik AS — part 2 published. 120 GB more: HR folders with passport scans, bank details "
        "of employees, customs declarations. Full archive available via torrent.",
    ),
    dict(
        inc="I02",
        ch="atom",
        id="urn:leakwatch:2026:akira:nordvik",
        date="2026-08-20T06:00:00Z",
        author="LeakWatch",
        title="Akira lists Nordvik Logistik AS (Norway)",
        text="Akira ransomware group added Nordvik Logistik AS, a Norwegian freight and warehousing company, to "
        "its leak site, claiming 210 GB of data including employee passports and payroll.",
    ),
    # I03 — a Brazilian hospital: Portuguese forum sale, English re-post on a XenForo forum
    dict(
        inc="I03",
        ch="forum",
        id="bf-20533",
        date="2026-09-15T13:20:00Z",
        author="m0rfeu",
        source="BreachMarket forum",
        title="Hospital São Lucas do Vale - prontuários 380 mil pacientes",
        text="Vendo banco de dados do Hospital São Lucas do Vale (Minas Gerais, Brasil).\n"
        "380 mil pacientes: nome completo, CPF, data de nascimento, telefone, e-mail, convênio, "
        "diagnósticos e resultados de exames.\nAmostra:\n"
        "nome;cpf;nascimento;email\nMaria A. Souza;123.456.789-09;1984-02-11;maria.souza@mailbr.com\n"
        "João P. Lima;987.654.321-00;1979-07-30;joao.lima@mailbr.com\n"
        "Ana C. Reis;111.444.777-35;1991-12-05;ana.reis@mailbr.com\n"
        "Valor: 0,35 BTC. Negociável para compra completa.",
    ),
    dict(
        inc="I03",
        ch="xf",
        id="threads/sao-lucas-hospital.9921",
        date="2026-09-18T10:02:00Z",
        author="m0rfeu",
        title="Brazilian hospital patient DB - 380k records (CPF, diagnoses)",
        text="Reposting here for the english crowd.\n"
        "Hospital São Lucas do Vale, Brazil. 380k patients with CPF, DOB, phone, email, health insurance, "
        "diagnoses and lab results. Price 0.35 BTC, escrow ok. Telegram in my profile.",
    ),
    # I04 — an Italian bank: Italian combolist thread, Telegram re-post in English
    dict(
        inc="I04",
        ch="phpbb",
        id="viewtopic.php?t=4471",
        date="2026-10-01T17:45:00Z",
        author="lupo_grigio",
        title="Banca Alpina del Lario - 52.000 credenziali clienti",
        text="Condivido credenziali di home banking della Banca Alpina del Lario (Como, Italia).\n"
        "52.000 righe email:password, circa il 30% ancora valide. Include IBAN e numeri di telefono "
        "per una parte dei clienti.\nPrezzo: 800 USDT. Contatto in privato.",
    ),
    dict(
        inc="I04",
        ch="tg:leakbazaar",
        id="871",
        date="2026-10-03T09:12:40Z",
        author="LeakBazaar",
        text="🇮🇹 Banca Alpina del Lario (Italy) — 52k customer logins email:pass + IBAN, ~30% valid. "
        "800 USDT, seller lupo_grigio.",
    ),
    # I05 — a German municipal utility: VPN access sale, then LockBit listing five weeks later
    dict(
        inc="I05",
        ch="mybb",
        id="thread-7781.html",
        date="2026-09-08T20:30:00Z",
        author="initial_k",
        title="[ACCESS] DE utility | Fortinet VPN | Domain Admin",
        text="Selling access to a German municipal utility (Stadtwerke Auenfeld GmbH).\n"
        "Revenue: ~$180M. Employees: 900. Access: Fortinet SSL VPN + domain admin, 1,100 hosts, "
        "Veeam backups reachable.\nPrice: 12k USD in BTC, no escrow for access, first come first served.",
    ),
    dict(
        inc="I05",
        ch="leak",
        id="lockbit-auenfeld",
        date="2026-10-14T03:00:00Z",
        source="LockBit 5.0 leak site",
        title="stadtwerke-auenfeld.de",
        text="Stadtwerke Auenfeld GmbH. Deutschland. Energie- und Wasserversorgung. "
        "Alle Daten werden veröffentlicht in 6 Tagen 12 Stunden. 1.7 TB: Kundendaten, Verträge, "
        "Zählerstände, Personalakten, Finanzen.",
    ),
    # I06 — a French university: phpBB thread in French, then the feed's write-up
    dict(
        inc="I06",
        ch="phpbb",
        id="viewtopic.php?t=4502",
        date="2026-10-06T11:05:00Z",
        author="Corbeau",
        title="Fuite Université de Montclair-sur-Loire - 64 000 étudiants",
        text="Fuite de données de l'Université de Montclair-sur-Loire (France).\n"
        "64 000 étudiants et 3 200 personnels : nom, prénom, date de naissance, adresse e-mail, numéro "
        "INE, adresse postale, notes.\nGratuit pour les membres du forum, lien ci-dessous.",
    ),
    dict(
        inc="I06",
        ch="rss",
        id="darkfeed-2026-1007-montclair",
        date="2026-10-07T08:30:00Z",
        author="DarkFeed desk",
        title="French university data allegedly leaked for free on hacking forum",
        text="<p>Data said to come from the Université de Montclair-sur-Loire has been shared for free on a "
        "French-speaking forum by a user called Corbeau. The actor claims records of 64,000 students and "
        "3,200 staff, with names, dates of birth, email addresses and grades.</p>",
    ),
    # I07 — a Russian telecom: Russian forum sale, then a Telegram re-post in Russian
    dict(
        inc="I07",
        ch="forum",
        id="xss-77120",
        date="2026-09-21T16:00:00Z",
        author="Бастион",
        source="Exploit-style forum",
        title="Продам базу абонентов ООО «СеверТрансКом»",
        text="Продам базу абонентов оператора связи ООО «СеверТрансКом» (Мурманск, Россия).\n"
        "2,1 млн строк: ФИО, номер телефона, паспортные данные, адрес, дата рождения, тариф.\n"
        "Актуальность — сентябрь 2026. Цена 3000$ (BTC, XMR). Гарант форума.",
    ),
    dict(
        inc="I07",
        ch="tg:leakbazaar",
        id="846",
        date="2026-09-23T12:44:02Z",
        author="LeakBazaar",
        text="🇷🇺 СеверТрансКом (Мурманск) — база абонентов 2,1 млн: ФИО, паспорта, телефоны. Продавец Бастион, 3000$.",
    ),
    # I08 — an Indonesian city population office: Indonesian claim, English re-post on XenForo
    dict(
        inc="I08",
        ch="tg:leakbazaar",
        id="859",
        date="2026-09-27T04:20:00Z",
        author="LeakBazaar",
        text="DIJUAL: Data penduduk Dinas Kependudukan Kota Sukamaju, Indonesia. 2,3 juta data: NIK, nomor KK, "
        "nama lengkap, tanggal lahir, alamat, nama ibu kandung. Harga 1500 USDT. Kontak @garuda_leaks",
    ),
    dict(
        inc="I08",
        ch="xf",
        id="threads/sukamaju-population-records.9954",
        date="2026-09-29T14:10:00Z",
        author="garuda_leaks",
        title="Indonesia | Sukamaju city population registry | 2.3M",
        text="Population registry of Sukamaju City (Indonesia), 2.3 million citizens: NIK (national ID), "
        "family card number, full name, date of birth, address, mother's maiden name. 1500 USDT.",
    ),
    # I09 — an Indian e-commerce site: free dump, then a price on a second forum a week later
    dict(
        inc="I09",
        ch="forum",
        id="bf-20688",
        date="2026-10-10T09:00:00Z",
        author="d4rkS1ta",
        source="BreachMarket forum",
        title="Pixelmart.in user database (4.8M) — FREE",
        text="Leaking the users table of Pixelmart (pixelmart.in), Indian online electronics store.\n"
        "4.8M users: name, email, phone, bcrypt password hash, shipping address, order count.\n"
        "Free download for 8 credits. Enjoy.",
    ),
    dict(
        inc="I09",
        ch="mybb",
        id="thread-7840.html",
        date="2026-10-17T18:25:00Z",
        author="d4rkS1ta",
        title="Pixelmart India 4.8M users + 1.2M orders",
        text="Full Pixelmart dump now with orders table (1.2M orders, partial card numbers, UPI ids). "
        "Users + orders together: 900 USD, XMR only.",
    ),
    # I10 — a US dental group on a leak site, then the tracker's entry
    dict(
        inc="I10",
        ch="leak",
        id="blacksuit-greystone",
        date="2026-10-22T15:00:00Z",
        source="BlackSuit leak site",
        title="Greystone Family Dental",
        text="Greystone Family Dental, dental clinics in Ohio, USA. 86 GB of patient files: names, SSN, "
        "insurance, treatment records, x-rays. Countdown: 4 days.",
    ),
    dict(
        inc="I10",
        ch="atom",
        id="urn:leakwatch:2026:blacksuit:greystone",
        date="2026-10-23T06:00:00Z",
        author="LeakWatch",
        title="BlackSuit claims Greystone Family Dental (US)",
        text="BlackSuit added Greystone Family Dental, an Ohio dental practice group, to its leak site with a "
        "four-day countdown, claiming 86 GB of patient records.",
    ),
    # I11 — recycled: a 2026-08 Chilean brewery leak offered as "fresh" in November
    dict(
        inc="I11",
        ch="forum",
        id="bf-20102",
        date="2026-08-04T12:00:00Z",
        author="patagon",
        source="BreachMarket forum",
        title="Cervecería Andina del Sur — clientes y distribuidores",
        text="Base de clientes de Cervecería Andina del Sur (Chile): 310.000 registros con RUT, nombre, correo, "
        "teléfono y dirección. Precio 600 USD.",
    ),
    dict(
        inc="I11",
        ch="tg:datadrops",
        id="2204",
        date="2026-11-16T10:00:00Z",
        author="DataDrops",
        text="FRESH 🇨🇱 Cervecería Andina del Sur customers 310k (RUT, email, phone, address). "
        "Free for channel members, link below.",
    ),
    # I12 — recycled: a UK gym chain's member list from August, re-sold as new in November
    dict(
        inc="I12",
        ch="forum",
        id="bf-20188",
        date="2026-08-11T18:00:00Z",
        author="gymrat",
        source="BreachMarket forum",
        title="MetroFit Gyms UK members 95k",
        text="MetroFit Gyms (United Kingdom) member list, 95,000 rows: full name, email, phone, date of birth, "
        "membership type, home club. $400 in BTC.",
    ),
    dict(
        inc="I12",
        ch="tg:datadrops",
        id="2231",
        date="2026-11-12T21:30:00Z",
        author="DataDrops",
        text="NEW UK leak: MetroFit Gyms members — 95k rows, names, emails, phones, DOB. 300$ BTC, DM.",
    ),
    # I13 — hacktivist DDoS on a port authority, claimed on Telegram and reported by the feed
    dict(
        inc="I13",
        ch="tg:datadrops",
        id="2150",
        date="2026-10-28T08:05:00Z",
        author="NoName057(16)",
        text="Continuing our attacks on Italian ports 🇮🇹. Today the website of the Autorità Portuale di "
        "Valmora went down after our DDoS attack. check-host report: link",
    ),
    dict(
        inc="I13",
        ch="rss",
        id="darkfeed-2026-1028-valmora",
        date="2026-10-28T14:00:00Z",
        author="DarkFeed desk",
        title="Pro-Russian hacktivists claim DDoS on Italian port authority",
        text="<p>The hacktivist group NoName057(16) claimed a DDoS attack against the website of the Autorità "
        "Portuale di Valmora, an Italian port authority. The site was briefly unreachable.</p>",
    ),
    # I14 — a Peruvian municipality defaced: forum brag, then the group's Telegram
    dict(
        inc="I14",
        ch="forum",
        id="bf-20871",
        date="2026-11-02T02:15:00Z",
        author="SadRaven",
        source="BreachMarket forum",
        title="Defaced: Municipalidad de San Ignacio del Monte (Peru)",
        text="Municipalidad de San Ignacio del Monte (sanignaciodelmonte.gob.pe) hacked and defaced by SadRaven "
        "team. Mirror on zone-h. Greetz to all the crew.",
    ),
    dict(
        inc="I14",
        ch="tg:datadrops",
        id="2177",
        date="2026-11-02T06:40:00Z",
        author="SadRaven",
        text="sanignaciodelmonte.gob.pe — defaced by SadRaven 🏴 Gobierno peruano, aprendan a parchar.",
    ),
    # I15 — a Turkish cargo company: Turkish post, English re-post
    dict(
        inc="I15",
        ch="forum",
        id="bf-20912",
        date="2026-11-06T11:11:00Z",
        author="kuzgun",
        source="BreachMarket forum",
        title="Ege Kargo A.Ş. müşteri veritabanı - 1.1 milyon",
        text="Ege Kargo A.Ş. (İzmir, Türkiye) müşteri veritabanı satılık. 1,1 milyon kayıt: ad soyad, TC kimlik "
        "no, telefon, adres, gönderi bilgileri. Fiyat: 1.200 USD, BTC.",
    ),
    dict(
        inc="I15",
        ch="phpbb",
        id="viewtopic.php?t=4533",
        date="2026-11-08T16:00:00Z",
        author="kuzgun",
        title="Turkish cargo company Ege Kargo - 1.1M customers (TC ID)",
        text="Ege Kargo (Turkey) customers: 1.1M records with TC identity numbers, phones, addresses and shipment "
        "details. 1200$ BTC.",
    ),
]
