/// Name lexicons for finding people who are not in the profile. A given name
/// here makes a capitalised word a person ("Maria", "Kwame", "Priya",
/// "Hiroshi"); it then takes the capitalised surname after it. Words that are
/// also common words, places, months, products or malware (Will, May, Grace,
/// Paris, Sam, Akira, Tor, Kali) are left out on purpose: a missed first name
/// is usually still caught by its title, role or surname, while a false one
/// destroys a fact.
enum Names {
    static let given: Set<String> = Set("""
    James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony \
    Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey Ryan Jacob \
    Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Alexander Patrick \
    Raymond Dennis Jerry Tyler Aaron Jose Adam Nathan Henry Douglas Zachary Peter Kyle Noah Ethan Jeremy Walter \
    Christian Keith Roger Terry Austin Sean Gerald Carl Harold Dylan Arthur Lawrence Jordan Jesse Bryan Billy \
    Bruce Gabriel Joe Logan Alan Juan Albert Willie Elijah Wayne Randy Vincent Liam Oliver Harry Jack Charlie \
    Oscar Leo Archie Alfie Freddie Theo Isaac Lucas Toby Callum Connor Declan Ciaran Liam Niall Eoin Padraig \
    Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Margaret Sandra \
    Ashley Kimberly Emily Donna Michelle Carol Amanda Dorothy Melissa Deborah Stephanie Rebecca Sharon Laura \
    Cynthia Kathleen Amy Angela Shirley Anna Brenda Pamela Emma Nicole Helen Samantha Katherine Christine \
    Debra Rachel Carolyn Janet Catherine Maria Heather Diane Ruth Julie Olivia Joyce Virginia Victoria Kelly \
    Lauren Christina Joan Evelyn Judith Megan Andrea Cheryl Hannah Jacqueline Martha Gloria Teresa Ann Sara \
    Madison Frances Kathryn Janice Jean Abigail Alice Judy Sophia Denise Danielle Marilyn Beverly Isabella \
    Theresa Diana Natalie Brittany Charlotte Marie Kayla Alexis Lori Amelia Ava Mia Isla Poppy Freya Ella \
    Siobhan Aoife Niamh Saoirse Sinead Orla Ciara Roisin Bronwen Rhiannon Seren Cerys Dafydd Gareth Rhys \
    Hans Jürgen Juergen Klaus Dieter Wolfgang Helmut Werner Manfred Uwe Günter Guenter Horst Stefan Thorsten \
    Torsten Matthias Andreas Markus Florian Tobias Sebastian Lukas Jonas Maximilian Felix Moritz Niklas Jan-Erik \
    Katrin Katharina Ursula Sabine Petra Monika Gabriele Birgit Heike Claudia Susanne Anja Julia Lena Leonie \
    Johanna Franziska Annika Jannik Björn Bjoern Sven Lars Nils Henrik Magnus Erik Anders Johan Mikael Fredrik \
    Ingrid Astrid Sigrid Solveig Karin Ulla Birgitta Kristin Liv Maja Elin Linnea Ole Jens Søren Soren Mads \
    Pierre Jean-Pierre Jean-Luc Jacques Philippe Michel Alain Bernard Christophe Nicolas Julien Sébastien \
    Sebastien Guillaume Olivier Antoine Mathieu Romain Thierry Laurent Benoît Benoit Yann Yannick François \
    Francois Amélie Amelie Claire Nathalie Isabelle Sylvie Catherine Sophie Céline Celine Aurélie Aurelie \
    Camille Manon Chloé Chloe Léa Lea Élodie Elodie Mathilde Margaux Juliette Hélène Helene Brigitte Valérie \
    Valerie Delphine Sandrine Véronique Veronique Agnès Agnes Hugo Théo Enzo Clément Clement Baptiste Quentin \
    Carlos Javier Miguel Alejandro Pablo Diego Sergio Jorge Luis Manuel Francisco Antonio Fernando Rafael \
    Andrés Andres Ricardo Eduardo Alberto Raúl Raul Rodrigo Gonzalo Ignacio Santiago Mateo Lucía Lucia Carmen \
    Isabel Pilar Dolores Rosario Elena Marta Paula Cristina Beatriz Raquel Silvia Alba Nuria Ainhoa Sofía \
    Giuseppe Giovanni Francesco Alessandro Lorenzo Matteo Marco Luca Andrea Stefano Roberto Massimo Paolo \
    Giorgio Fabio Simone Davide Federico Riccardo Giulia Chiara Francesca Valentina Alessandra Federica \
    Silvia Elisa Martina Giorgia Serena Ilaria Roberta Daniela Simona Lorenza \
    João Joao José Pedro Tiago Rui Nuno Duarte Gonçalo Goncalo Bruno Ricardo Vítor Vitor Paulo Sérgio \
    Fábio Fabio Hélder Helder Ana Inês Ines Mariana Beatriz Catarina Leonor Matilde Francisca Rita Joana \
    Margarida Fernanda Luísa Luisa Gabriela Larissa Thiago Rafaela Juliana Camila Letícia Leticia Vinícius \
    Vinicius Gustavo Leandro Marcelo Rodrigo Felipe Guilherme Renata Patrícia Adriana Cláudia Vanessa \
    Tomasz Piotr Krzysztof Andrzej Paweł Pawel Michał Michal Marcin Grzegorz Jakub Łukasz Lukasz Wojciech \
    Agnieszka Małgorzata Malgorzata Katarzyna Magdalena Joanna Ewa Zofia Dorota Barbara Jolanta \
    Jiří Jiri Petr Tomáš Tomas Pavel Martin Jaroslav Lenka Jana Petra Tereza Eva Zuzana Veronika \
    Ivan Dmitry Dmitri Sergei Sergey Alexei Alexey Andrei Andrey Mikhail Nikolai Vladimir Yuri Oleg Igor \
    Anastasia Olga Tatiana Natalia Svetlana Ekaterina Irina Yelena Oksana Anya Nadia Taras Bohdan Olena \
    Dimitris Nikos Giorgos Yannis Kostas Eleni Katerina Maria Georgia \
    Mehmet Mustafa Ahmet Emre Burak Murat Ayşe Ayse Fatma Zeynep Elif Emine \
    Mohammed Mohamed Muhammad Ahmed Ahmad Ali Omar Hassan Hussein Hussain Khalid Youssef Yusuf Ibrahim \
    Abdullah Abdul Karim Tariq Samir Rashid Hamza Bilal Faisal Nasser Walid Fatima Aisha Aïcha Aicha Khadija \
    Layla Leila Yasmin Yasmine Mariam Maryam Nour Noor Salma Amira Hana Samira Zainab Zahra \
    Kwame Kofi Kwesi Kwabena Yaw Kojo  Akosua Abena Adwoa Efua  Chinedu Chukwuemeka Emeka Obinna \
    Ngozi Chiamaka Adaeze Nkechi Ifeoma Oluwaseun Seun Olumide Tunde Babatunde Ayodele Adebayo Folake \
    Funmilayo Yetunde Bolanle Oluwatobi Tobi Femi Segun Kemi Sade Amaka Chidi Uchenna Ikenna \
    Aisha Amina Halima Hadiza Musa Abubakar Usman Sani Yakubu Juma Baraka Wanjiru Wambui Njeri Akinyi \
    Otieno Odhiambo Kamau Mwangi Kipchoge Thabo Sipho Themba Lerato Nomvula Thandiwe Zanele Lindiwe Bongani \
    Mandla Tendai Tatenda Farai Chipo Nyasha Abebe Tesfaye Haile Selam Tigist Meron Dawit Yonas \
    Rajesh Ramesh Suresh Mahesh Ganesh Dinesh Rakesh Mukesh Sanjay Vijay Ajay Amit Sumit Rohit Rahul \
    Arjun Vikram Anil Sunil Deepak Pradeep Sandeep Manoj Ashok Arun Karthik Srinivas Venkat Ravi Kiran \
    Priya Pooja Neha Anjali Sunita Anita Kavita Lakshmi Deepa Divya Shreya Swati Meera Aarti Rekha Geeta \
    Aditya Aarav Vihaan Ishaan Rohan Nikhil Varun Harish Gaurav Abhishek Siddharth Pranav Akash Imran \
    Farhan Asif Sana Ayesha Nadia Rubina Shahid Zubair Sadia Tahmina Rahim Karim Anwar Nusrat \
    Wei Fang Jing  Jun Yan Hui Xin Ying Hao Yong Jie Tao Ming Qiang Xiaoming Xiaoli Jian    \
       Mei Ling Xiu Zhen Qing Yun Jia Jiahui Zihan Yuxuan Haoran Zhiwei Weiwei \
    Li Zhang Wang Liu Chen Yang Huang Zhao Zhou Xu Gao Lin Luo Zheng Liang Xie Feng Deng Cao Peng Zeng \
    Xiao Tian Yuan Cai Jiang Cheng Ding Shen Jiang Wu \
    Minjun Seojun Jiho Jiwoo Hyun Jisoo Jiyeon Minji Seoyeon Soyeon Eunji Hyejin Jihoon Dongwook Sungmin \
    Kim Lee  Choi  Kang Cho Yoon Jang  Shin Kwon \
    Hiroshi Takeshi Kenji Kenta Satoshi Takashi Yuki Yuto Haruto Sota Daiki Ryota Kazuki Shota Naoki \
    Taro Ichiro Jiro Daisuke Tatsuya Kazuo Masato Tomoko Yoko Keiko Akiko Yumiko Naoko Mayumi  \
    Haruka Yui Aoi Hina Misaki Ayaka Nanami  Kaori Megumi Emi Rina Saki Miho \
    Tanaka Suzuki Sato Satou Takahashi Watanabe  Yamamoto Nakamura Kobayashi Kato Yoshida Yamada \
    Sasaki Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Yamazaki  Ikeda Hashimoto Ishikawa \
    Nguyen Tran Pham Hoang Huynh Phan Vu Dang Bui  Ngo Duong  Thi Minh Duc Anh Linh Trang Huong Thao \
    Somchai Somsak Siriporn Malee Nattapong Budi Agus Siti Dewi Wahyu Joko Rizal Ahmad Nurul \
    Jose Juan Mariel Maricel Jhon Rommel Ferdinand Rodrigo \
    Aisling Aoibheann Caoimhe Cian Oisin Oisín Ronan Darragh Eimear Grainne Gráinne Sorcha Clodagh Aidan \
    Brendan Colm Rory Kieran Fergus Angus Hamish Alistair Fiona Morag Kirsty Ailsa Gemma Leanne Stacey \
    Kirsten Bethany Zoe Imogen Harriet Phoebe Tamsin Rhona Elspeth Moira Euan Craig Graeme Duncan Malcolm \
    Nigel Trevor Clive Geoff Ian Neil Colin Derek Barry Martyn Gavin Simon Dominic Marcus Rupert Giles \
    Hugh Jasper Oluwadamilare Olusegun Adaora Obiageli Kelechi Uche Nnamdi Wale Kehinde Taiwo Idris Fatou \
    Aminata Mamadou Ousmane Moussa Cheikh Mariama Ibrahima Aissatou Kiprop Wanjiku Achieng Atieno \
    Sibusiso Nokuthula Thulani Lwazi Ayanda Palesa Refilwe Kagiso Tshepo Karabo Naledi \
    Ananya Mohan Harpreet Gurpreet Manpreet Jaspreet Sukhwinder Arvind Naveen Prakash Ramya Sneha Nandini \
    Kavya Aishwarya Rajeev Sachin Vivek Anand Shankar Murali Tharindu Nuwan Chamara Dilshan Kasun Priyanka \
    Thanh Tuan Quang Khanh Phuong Hanh Hieu Thuy Nhung Kittipong Supachai Wanchai Arunee Pimchanok \
    Putri Rizky Fajar Bayu Indra Hafiz Aziz Hinata Yuna Riku Kaito Souta Takumi Kenichi Shinji Makoto \
    Hideo Masahiro Tomohiro Kazuya Yumi Asuka Chika Nozomi Xiaoyu Yuxin Zihao Junjie Meiling Mei-Ling \
    Thibault Éloïse Eloise Kerstin Ioana Bogdan Mihai Nikola Marko Ivana Luka Dragan Goran Zoran Jelena \
    Milica Daria Ilya Pavlo Yulia Iryna Maksym Dmytro Andriy Willem Pieter Joost Sanne Femke Bram Daan \
    Maarten Koen Anouk Lieke Ruud Jeroen Wouter Mette Sanna Aino Eero Juha Mikko Timo Jukka Antti Tuomas \
    Eija Hanna Gunnar Einar Sigurd Bjarne Reza Hossein Mehdi Parisa Shirin Navid Arash Farid Leyla Golnaz \
    Dariush Yossi Noa Tamar Eitan Shira Yael Itai Deniz Kerem Cem Selin Özlem Ozlem Gökhan Hakan Serkan \
    Volkan Esra Merve Jocelyn Rosalie Marisol Alejandra Valeria Ximena Guadalupe Yolanda Wojtek Bartosz \
    Kacper Szymon Mateusz Dawid Oskar Aleksandra Natalia Weronika Kamila Justyna Iwona Beata Renata \
    Ondřej Ondrej Radek Lukáš Lukas Vojtěch Kateřina Katerina Zsófia Zsofia Bence Levente Gábor Gabor \
    Zoltán Zoltan László Laszlo Ágnes Agnes Eszter Réka Reka Dorottya \
    Oleksandr Oleksii Oleksiy Andrii Serhii Serhiy Volodymyr Mykola Mykhailo Yurii Bohdan Taras Vasyl Olena Oksana \
    Tetiana Nataliia Halyna Liudmyla Svitlana Khrystyna Solomiia
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    /// Korean surnames in romanisation, many of them English words too
    /// ("Park", "Song"); they start a name only before a hyphenated given
    /// name ("Park Ji-hoon"). Two-letter ones that are common English words
    /// (So, Do, In, Go, An …) are left out.
    static let koreanSurnamesLatin: Set<String> = Set("""
    Park Pak Bak Jeong Jung Chung Han Oh Seo Song Hwang Ahn Yoo Ryu Hong Jeon Moon Mun Yang Son Bae \
    Baek Heo Nam Noh Kwak Sung Cha Joo Woo Koo Min Jin Chae Won Chun Gong Hyun Ham Byun Yeo \
    Seok Seol Gil Yeon Pyo Myung Tak Eun Yong Bong Kim Lee Yi Choi Kang Cho \
    Jo Yoon Yun Jang Lim Shin Kwon
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    /// Titles that put a name after them: "Dr. Kwame Mensah", "Herr Schäfer", "Mme Dubois".
    static let titles: Set<String> = [
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "herr", "frau", "fr", "hr",
        "m", "mme", "mlle", "me", "sr", "sra", "srta", "dra", "dona", "eng", "ing", "dipl", "mag",
        // Forms of address in hospitals, churches, police and courts.
        "herrn", "sister", "matron", "nurse", "father", "rev", "capt", "sgt", "cllr", "schwester", "pfarrer", "maître",
        "docteur", "dott", "pr", "insp", "det", "col", "gen",
    ]

    /// Roles that often stand before a name: "our CISO Maria Fernandez",
    /// "analyst Li Wei", "die Analystin Katrin Becker".
    static let roles: Set<String> = [
        "ciso", "cfo", "ceo", "cto", "cio", "coo", "cso", "dpo", "rssi", "dsi", "dg", "pdg", "vp",
        "analyst", "analysts", "engineer", "contractor", "sysadmin", "administrator", "admin", "manager",
        "lead", "head", "director", "officer", "technician", "consultant", "intern", "colleague", "employee",
        "developer", "architect", "auditor", "investigator", "responder", "supervisor", "operator", "specialist",
        "secretary", "assistant", "accountant", "controller", "clerk", "president", "chairman", "chair",
        "analystin", "ingenieur", "ingenieurin", "leiter", "leiterin", "geschäftsführer", "geschäftsführerin",
        "administratorin", "mitarbeiter", "mitarbeiterin", "kollege", "kollegin", "berater", "beraterin",
        "techniker", "technikerin", "entwickler", "entwicklerin", "vorstand", "prokurist",
        "analyste", "ingénieur", "ingenieure", "directeur", "directrice", "responsable", "technicien",
        "technicienne", "administrateur", "administratrice", "collègue", "stagiaire", "consultante", "comptable",
        "analista", "engenheiro", "engenheira", "diretor", "diretora", "técnico", "técnica", "administrador",
        "administradora", "gestor", "gestora", "colega", "estagiário", "estagiária", "consultor", "consultora",
        "contabilista", "presidente", "gerente",
        // Front-line, clinical, legal and customer roles.
        "agent", "doctor", "physician", "clinician", "pharmacist", "paramedic", "caller", "claimant", "broker",
        "adjuster", "underwriter", "teller", "cashier", "lawyer", "solicitor", "counsel", "attorney", "inspector",
        "detective", "constable", "sergeant", "professor", "student", "volunteer", "driver", "receptionist",
        "coordinator", "pentester", "customer", "client", "user", "practitioner", "recipient", "sender", "requester",
        "taker", "notetaker", "scribe", "facilitator", "moderator",
        "guard", "vigilante", "porteiro", "porteira", "wachmann", "pförtner", "pförtnerin", "gardien", "gardienne",
        "vigile",
        // Plurals before one of them: "one of our relationship managers, Tom Whitfield".
        "managers", "engineers", "officers", "consultants", "technicians", "developers", "administrators",
        "colleagues", "contractors", "directors", "agents", "specialists", "advisers", "advisors",
        "reporter", "owner", "victim", "approver", "assignee", "submitter", "beneficiary", "empfänger", "empfängerin",
        "absender", "absenderin", "destinataire", "expéditeur", "expéditrice", "destinatário", "destinatária", "remetente",
        "pfleger", "pflegerin", "arzt", "ärztin", "oberarzt", "oberärztin", "sachbearbeiter", "sachbearbeiterin",
        "kunde", "kundin", "lagerleiter", "lagerleiterin", "fahrer", "fahrerin", "praktikant", "praktikantin",
        "disponent", "disponentin", "schichtleiter", "schichtleiterin", "buchhalter", "buchhalterin",
        "werkstudent", "werkstudentin", "dienstleister", "nutzer", "nutzerin", "benutzer", "benutzerin",
        "infirmier", "infirmière", "médecin", "conseiller", "conseillère", "gestionnaire", "assuré", "assurée",
        "prestataire", "utilisateur", "utilisatrice", "agente",
        "enfermeiro", "enfermeira", "médico", "médica", "operador", "operadora", "funcionário", "funcionária",
        "utilizador", "utilizadora", "usuário", "usuária", "prestador", "prestadora", "segurado", "segurada",
    ]

    /// Capitalised words that never start or continue a name.
    static let stop: Set<String> = Set("""
    The A An And Or Of In On At To From For With By Our Their His Her We They He She It This That These Those \
    Then Later After Before When While But So Also All Both Each Every No Not Yes Team Teams Staff Office \
    Der Die Das Den Dem Des Ein Eine Und Oder Von Vom Zum Zur Im Am Aus Bei Mit Nach Unser Unsere Später \
    Le La Les Un Une Des Et Ou Du Au Aux Notre Nos Puis Plus Ensuite \
    O Os As E Um Uma  Da Dos Das No  Nos Nas Em Ao Nosso Nossa Depois \
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July \
    August September October November December Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag \
    Januar Februar März  Juni Juli Oktober Dezember Lundi Mardi Mercredi Jeudi Vendredi Samedi Dimanche \
    Janvier Février Mars Avril Juin Juillet Août Septembre Octobre Novembre Décembre Janeiro Fevereiro Março \
    Abril Maio Junho Julho Agosto Setembro Outubro Novembro Dezembro \
    SOC CERT CSIRT IT HR VPN MFA EDR XDR SIEM Microsoft Google Amazon Apple Cisco Fortinet Windows Linux \
    Azure Office Exchange Active Directory Security Incident Response Forensics Legal Finance Helpdesk \
    Reconnaissance Resource Development Initial Access Execution Persistence Privilege Escalation Defense \
    Evasion Credential Discovery Lateral Movement Collection Command Control Exfiltration Impact \
    New North South East West United Kingdom States Saint San Santa Los Las \
    Nota Notas Note Notes Notiz Hinweis Resumo Resumen Remarque Observação
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    /// Common Japanese surnames in kanji, two characters or more (single
    /// characters such as 林 or 森 are ordinary words too).
    static let japaneseSurnames: [String] = """
    佐藤 鈴木 高橋 田中 伊藤 渡辺 渡邊 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本 井上 木村 斎藤 斉藤 清水 \
    山崎 池田 橋本 阿部 石川 山下 中島 石井 小川 前田 岡田 長谷川 藤田 後藤 近藤 村上 遠藤 青木 坂本 福田 \
    太田 西村 藤井 金子 岡本 藤原 中野 三浦 原田 中川 松田 竹内 小野 田村 中山 和田 石田 森田 上田 内田 \
    柴田 酒井 宮崎 横山 高木 安藤 宮本 大野 小島 工藤 谷口 今井 高田 丸山 増田 杉山 村田 大塚 小山 平野 \
    藤本 河野 上野 野口 武田 松井 千葉 岩崎 菅原 木下 久保 佐野 野村 松尾 市川 菊地 杉本 古川 大西 島田 \
    水野 桜井 高野 渡部 吉川 山内 西田 飯田 菅野 中西 服部 樋口 福島 川口 永井 松岡 田口 山中 森本 土屋 \
    矢野 広瀬 秋山 石原 松下 大橋 松浦 吉岡 小池 馬場 浅野 荒木 大久保 野田 小沢 田辺 川村 星野 黒田 \
    尾崎 望月 永田 熊谷 内藤 松村 西山 大谷 平井 大島 岩田 片山 本田 久保田 北村 松原 川崎 北川 中谷
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    /// Honorifics and titles written after a Japanese name.
    static let japaneseHonorifics: [String] = [
        "さん", "様", "さま", "氏", "君", "くん", "ちゃん", "殿", "先生", "部長", "課長", "係長", "社長", "室長",
        "主任", "次長", "本部長", "専務", "常務", "取締役",
    ]
}
