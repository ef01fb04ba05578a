import Foundation

/// Countries, their common short names and the larger cities, each with its UN M49 region as the
/// report writes it (`europe`, `americas-latin`, …). Used to generalise `victim.region: Lisbon`
/// to `europe` on the member's machine. A place missing here is refused with a hint, never sent.
enum Places {
    /// The region slug of a place name (case, accents and punctuation ignored), or nil.
    static func region(of name: String) -> String? {
        table[fold(name)]
    }

    static func fold(_ name: String) -> String {
        let plain = name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        return String(plain.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) })
    }

    private static let table: [String: String] = {
        var out: [String: String] = [:]
        for (region, names) in lists {
            for name in names.split(separator: "|") { out[fold(String(name))] = region }
        }
        return out
    }()

    // Countries (UN M49), then cities of about a million people or more and capitals.
    private static let lists: [(String, String)] = [
        ("europe", """
            Albania|Andorra|Austria|Belarus|Belgium|Bosnia and Herzegovina|Bosnia|Bulgaria|Croatia|Cyprus|Czechia|\
            Czech Republic|Denmark|Estonia|Finland|France|Germany|Deutschland|Greece|Hungary|Iceland|Ireland|Italy|Italia|\
            Kosovo|Latvia|Liechtenstein|Lithuania|Luxembourg|Malta|Moldova|Monaco|Montenegro|Netherlands|Holland|\
            Nederland|North Macedonia|Macedonia|Norway|Poland|Polska|Portugal|Romania|Russia|Russian Federation|\
            San Marino|Serbia|Slovakia|Slovenia|Spain|España|Sweden|Switzerland|Schweiz|Suisse|Ukraine|United Kingdom|UK|\
            Great Britain|Britain|England|Scotland|Wales|Northern Ireland|Vatican|Holy See|Faroe Islands|Gibraltar|\
            Guernsey|Jersey|Isle of Man|Åland|\
            London|Manchester|Birmingham|Glasgow|Edinburgh|Leeds|Liverpool|Bristol|Cardiff|Belfast|Dublin|Cork|Paris|\
            Lyon|Marseille|Toulouse|Lille|Nice|Nantes|Strasbourg|Bordeaux|Berlin|Hamburg|Munich|München|Cologne|Köln|\
            Frankfurt|Stuttgart|Düsseldorf|Dortmund|Essen|Leipzig|Bremen|Dresden|Hanover|Hannover|Nuremberg|Nürnberg|\
            Vienna|Wien|Graz|Zurich|Zürich|Geneva|Genève|Basel|Bern|Lausanne|Brussels|Bruxelles|Antwerp|Antwerpen|\
            Ghent|Amsterdam|Rotterdam|The Hague|Den Haag|Utrecht|Eindhoven|Luxembourg City|Copenhagen|København|Aarhus|\
            Oslo|Bergen|Stockholm|Gothenburg|Göteborg|Malmö|Helsinki|Tampere|Reykjavik|Madrid|Barcelona|Valencia|Seville|\
            Sevilla|Bilbao|Málaga|Zaragoza|Lisbon|Lisboa|Porto|Braga|Coimbra|Rome|Roma|Milan|Milano|Naples|Napoli|Turin|\
            Torino|Florence|Firenze|Bologna|Genoa|Genova|Palermo|Venice|Venezia|Athens|Thessaloniki|Nicosia|Valletta|\
            Warsaw|Warszawa|Kraków|Krakow|Łódź|Wrocław|Poznań|Gdańsk|Prague|Praha|Brno|Bratislava|Budapest|Ljubljana|\
            Zagreb|Belgrade|Beograd|Sarajevo|Podgorica|Skopje|Tirana|Sofia|Bucharest|București|Cluj-Napoca|Chișinău|\
            Chisinau|Kyiv|Kiev|Kharkiv|Odesa|Odessa|Lviv|Dnipro|Minsk|Moscow|Moskva|Saint Petersburg|St Petersburg|\
            Novosibirsk|Yekaterinburg|Kazan|Vilnius|Kaunas|Riga|Tallinn|Tartu|Monaco-Ville
            """),
        ("americas-north", """
            United States|United States of America|USA|US|America|Canada|Greenland|Bermuda|Saint Pierre and Miquelon|\
            New York|New York City|NYC|Los Angeles|Chicago|Houston|Phoenix|Philadelphia|San Antonio|San Diego|Dallas|\
            San Jose|Austin|Jacksonville|San Francisco|Columbus|Fort Worth|Indianapolis|Charlotte|Seattle|Denver|\
            Washington|Washington DC|Boston|Nashville|Detroit|Portland|Las Vegas|Memphis|Louisville|Baltimore|Milwaukee|\
            Atlanta|Miami|Minneapolis|Pittsburgh|Cleveland|Tampa|Orlando|St. Louis|Saint Louis|Sacramento|Kansas City|\
            Salt Lake City|Raleigh|New Orleans|Honolulu|Anchorage|Toronto|Montreal|Montréal|Vancouver|Calgary|Edmonton|\
            Ottawa|Winnipeg|Quebec City|Québec|Hamilton|Halifax|Victoria|Nuuk
            """),
        ("americas-latin", """
            Mexico|México|Guatemala|Belize|Honduras|El Salvador|Nicaragua|Costa Rica|Panama|Panamá|Cuba|Jamaica|Haiti|\
            Dominican Republic|Puerto Rico|Bahamas|Barbados|Trinidad and Tobago|Grenada|Saint Lucia|Dominica|Antigua and Barbuda|\
            Saint Kitts and Nevis|Saint Vincent and the Grenadines|Aruba|Curaçao|Cayman Islands|Colombia|Venezuela|\
            Ecuador|Peru|Perú|Bolivia|Brazil|Brasil|Paraguay|Uruguay|Argentina|Chile|Guyana|Suriname|French Guiana|\
            Mexico City|Ciudad de México|CDMX|Guadalajara|Monterrey|Puebla|Tijuana|Cancún|Guatemala City|Tegucigalpa|\
            San Salvador|Managua|Panama City|Havana|La Habana|Kingston|Port-au-Prince|Santo Domingo|San Juan|\
            Bogotá|Bogota|Medellín|Medellin|Cali|Barranquilla|Caracas|Maracaibo|Quito|Guayaquil|Lima|La Paz|Santa Cruz|\
            São Paulo|Sao Paulo|Rio de Janeiro|Rio|Brasília|Brasilia|Salvador|Fortaleza|Belo Horizonte|Manaus|Curitiba|\
            Recife|Porto Alegre|Belém|Goiânia|Campinas|Asunción|Montevideo|Buenos Aires|Córdoba|Rosario|Mendoza|Santiago|\
            Valparaíso|Georgetown|Paramaribo
            """),
        ("africa", """
            Algeria|Angola|Benin|Botswana|Burkina Faso|Burundi|Cabo Verde|Cape Verde|Cameroon|Central African Republic|Chad|\
            Comoros|Congo|Democratic Republic of the Congo|DR Congo|DRC|Côte d'Ivoire|Ivory Coast|Djibouti|Egypt|\
            Equatorial Guinea|Eritrea|Eswatini|Swaziland|Ethiopia|Gabon|Gambia|Ghana|Guinea|Guinea-Bissau|Kenya|Lesotho|\
            Liberia|Libya|Madagascar|Malawi|Mali|Mauritania|Mauritius|Morocco|Mozambique|Namibia|Niger|Nigeria|Rwanda|\
            São Tomé and Príncipe|Senegal|Seychelles|Sierra Leone|Somalia|South Africa|South Sudan|Sudan|Tanzania|Togo|\
            Tunisia|Uganda|Zambia|Zimbabwe|Western Sahara|\
            Cairo|Alexandria|Lagos|Abuja|Kano|Ibadan|Port Harcourt|Kinshasa|Lubumbashi|Luanda|Johannesburg|Cape Town|\
            Durban|Pretoria|Soweto|Port Elizabeth|Gqeberha|Nairobi|Mombasa|Addis Ababa|Dar es Salaam|Dodoma|Khartoum|\
            Casablanca|Rabat|Marrakesh|Marrakech|Fez|Tangier|Algiers|Oran|Tunis|Tripoli|Accra|Kumasi|Abidjan|Dakar|Bamako|\
            Ouagadougou|Niamey|Conakry|Freetown|Monrovia|Lomé|Cotonou|Porto-Novo|Douala|Yaoundé|Libreville|Brazzaville|\
            Kampala|Kigali|Bujumbura|Lusaka|Harare|Bulawayo|Maputo|Lilongwe|Blantyre|Antananarivo|Windhoek|Gaborone|\
            Maseru|Mbabane|Mogadishu|Djibouti City|Asmara|Juba|N'Djamena|Nouakchott|Port Louis|Victoria Mahé
            """),
        ("asia", """
            Afghanistan|Armenia|Azerbaijan|Bahrain|Bangladesh|Bhutan|Brunei|Cambodia|China|People's Republic of China|PRC|\
            Georgia|Hong Kong|India|Indonesia|Iran|Iraq|Israel|Japan|Nippon|Jordan|Kazakhstan|Kuwait|Kyrgyzstan|Laos|\
            Lebanon|Macau|Macao|Malaysia|Maldives|Mongolia|Myanmar|Burma|Nepal|North Korea|Oman|Pakistan|Palestine|\
            Philippines|Qatar|Saudi Arabia|Singapore|South Korea|Korea|Republic of Korea|Sri Lanka|Syria|Taiwan|Tajikistan|\
            Thailand|Timor-Leste|East Timor|Turkey|Türkiye|Turkmenistan|United Arab Emirates|UAE|Uzbekistan|Vietnam|\
            Viet Nam|Yemen|\
            Tokyo|Yokohama|Osaka|Nagoya|Sapporo|Fukuoka|Kobe|Kyoto|Kawasaki|Saitama|Hiroshima|Sendai|東京|大阪|横浜|名古屋|\
            Beijing|Shanghai|Guangzhou|Shenzhen|Chengdu|Chongqing|Tianjin|Wuhan|Hangzhou|Nanjing|Xi'an|Suzhou|Shenyang|\
            Harbin|Qingdao|Dalian|Xiamen|北京|上海|广州|深圳|Taipei|Kaohsiung|Taichung|Seoul|Busan|Incheon|Daegu|Daejeon|\
            Gwangju|서울|부산|Pyongyang|Ulaanbaatar|Mumbai|Bombay|Delhi|New Delhi|Bangalore|Bengaluru|Hyderabad|Chennai|\
            Madras|Kolkata|Calcutta|Ahmedabad|Pune|Jaipur|Surat|Lucknow|Kanpur|Nagpur|Indore|Bhopal|Kochi|Coimbatore|\
            Karachi|Lahore|Islamabad|Rawalpindi|Faisalabad|Peshawar|Dhaka|Chittagong|Kathmandu|Thimphu|Colombo|Male|\
            Kabul|Tehran|Mashhad|Isfahan|Tabriz|Baghdad|Basra|Erbil|Riyadh|Jeddah|Mecca|Dammam|Dubai|Abu Dhabi|Sharjah|\
            Doha|Manama|Kuwait City|Muscat|Sanaa|Aden|Amman|Beirut|Damascus|Aleppo|Jerusalem|Tel Aviv|Haifa|Ramallah|Gaza|\
            Istanbul|Ankara|Izmir|Bursa|Antalya|Tbilisi|Yerevan|Baku|Almaty|Astana|Tashkent|Samarkand|Bishkek|Dushanbe|\
            Ashgabat|Bangkok|Chiang Mai|Hanoi|Ho Chi Minh City|Saigon|Da Nang|Phnom Penh|Vientiane|Yangon|Naypyidaw|\
            Mandalay|Kuala Lumpur|Penang|George Town|Johor Bahru|Singapore City|Jakarta|Surabaya|Bandung|Medan|Semarang|\
            Denpasar|Makassar|Manila|Quezon City|Cebu|Davao|Bandar Seri Begawan|Dili
            """),
        ("oceania", """
            Australia|New Zealand|Aotearoa|Fiji|Papua New Guinea|Samoa|Tonga|Vanuatu|Solomon Islands|Kiribati|Tuvalu|\
            Nauru|Palau|Micronesia|Marshall Islands|New Caledonia|French Polynesia|Guam|Cook Islands|\
            Sydney|Melbourne|Brisbane|Perth|Adelaide|Gold Coast|Canberra|Newcastle|Hobart|Darwin|Auckland|Wellington|\
            Christchurch|Hamilton NZ|Dunedin|Suva|Port Moresby|Apia|Nuku'alofa|Port Vila|Honiara|Nouméa|Papeete|Hagåtña
            """),
    ]
}
