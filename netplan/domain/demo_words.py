"""Word pools for `netplan demo`: the names, companies and phrases sample data is made of.

Kept apart from the generator so the logic in `demo.py` stays readable. The
names are deliberately diverse, some outside ASCII and one right-to-left, so
that every screen is tried with the text real users have.
"""

from __future__ import annotations

FIRST_NAMES = (
    "Ada", "Aarav", "Amara", "Ana", "Anders", "Aroha", "Beatriz", "Björn", "Camila", "Chen",
    "Chiamaka", "Dario", "Deepa", "Dmitri", "Efua", "Elena", "Emeka", "Farah", "Fatima",
    "Gabriel", "Grace", "Hana", "Hiroshi", "Ines", "Isabel", "Jamal", "Javier", "José",
    "Jürgen", "Kai", "Kavya", "Kofi", "Leilani", "Liam", "Lucía", "Mai", "Małgorzata", "Marcus",
    "Maya", "Mei", "Mohammed", "Nadia", "Naledi", "Nguyễn", "Nikhil", "Noor", "Olga",
    "Oluwaseun", "Omar", "Pedro", "Priya", "Rafael", "Rania", "Ravi", "Rosa", "Sakura", "Sami",
    "Siobhán", "Sofia", "Søren", "Tariq", "Thandiwe", "Tomás", "Valentina", "Wei", "Yara",
    "Yusuf", "Zainab", "Zoë", "Zsófia",
)
LAST_NAMES = (
    "Abara", "Adeyemi", "Alvarez", "Andersson", "Banerjee", "Becker", "Bianchi", "Brennan",
    "Castillo", "Chowdhury", "Costa", "Dubois", "Dlamini", "Eriksen", "Fernández", "Fischer",
    "García", "Haddad", "Hansen", "Hoang", "Ivanova", "Jensen", "Kamau", "Kapoor", "Kim",
    "Kowalski", "Kuznetsov", "Lambert", "Li", "Mahlangu", "Martins", "Mensah", "Moreau",
    "Müller", "Nakamura", "Nielsen", "Novak", "Ó Briain", "Okafor", "Osei", "Park", "Patel",
    "Pereira", "Petrov", "Quispe", "Rahman", "Reyes", "Rossi", "Saito", "Santos", "Schmidt",
    "Singh", "Suzuki", "Tanaka", "Torres", "Tran", "Van der Berg", "Wang", "Wiśniewski",
    "Yamamoto", "Yilmaz", "Zhang",
)
# A few whole names in their own scripts, as people save them from their phones.
NATIVE_NAMES = ("李娜", "Ελένη Παπαδοπούλου", "Алексей Смирнов", "نور حداد", "佐藤 花子", "김민준")

COMPANIES = (
    ("Northwind Labs", "northwind.dev"), ("Copperleaf", "copperleaf.io"),
    ("Tidewater Systems", "tidewater.systems"), ("Parallax Games", "parallaxgames.com"),
    ("Fernway Bank", "fernway.bank"), ("Quillstack", "quillstack.com"),
    ("Brightloop", "brightloop.app"), ("Orbital Freight", "orbitalfreight.com"),
    ("Kestrel Security", "kestrelsec.com"), ("Saltmarsh Studio", "saltmarsh.studio"),
    ("Meridian Civic Tech", "meridiancivic.org"), ("Nimbus Data", "nimbusdata.io"),
    ("Harbor & Pine", "harborpine.co"), ("Lumen Health", "lumenhealth.com"),
    ("Open Source Collective", "oscollective.org"), ("Greenline Energy", "greenline.energy"),
    ("Papercrane", "papercrane.dev"), ("Riverbend University", "riverbend.edu"),
    ("Codebridge Bootcamp", "codebridge.school"), ("Solstice AI", "solstice.ai"),
    ("Atlas Logistics", "atlaslogistics.com"), ("Beacon Media", "beaconmedia.news"),
    ("Foxglove Robotics", "foxglove.tech"), ("Juniper Retail", "juniperretail.com"),
)
ROLES = (
    "Software Engineer", "Senior Backend Engineer", "Frontend Developer", "Full-stack Developer",
    "Engineering Manager", "Staff Engineer", "Developer Advocate", "Technical Recruiter",
    "Recruiter", "Data Engineer", "Data Scientist", "Site Reliability Engineer",
    "Product Manager", "QA Engineer", "Mobile Developer", "CTO", "Bootcamp Instructor",
    "Security Engineer", "Junior Developer", "UX Designer",
)
LOCATIONS = (
    "Berlin", "Lisbon", "London", "Manchester", "Dublin", "Amsterdam", "Toronto", "Montréal",
    "Austin", "Chicago", "Seattle", "New York", "São Paulo", "Mexico City", "Lagos", "Nairobi",
    "Cape Town", "Bengaluru", "Singapore", "Tokyo", "Seoul", "Melbourne", "Remote", "Kraków",
)
TAGS = (
    "python", "javascript", "frontend", "backend", "data", "devops", "mentor", "recruiter",
    "hiring", "bootcamp", "alumni", "open-source", "meetup", "remote", "devrel",
    "career-changer", "women-in-tech", "manager", "startup", "conference",
)
HOW_MET = (
    "LinkedIn", "Cold email after reading their blog", "Bootcamp demo day", "Local Python meetup",
    "Conference hallway track", "An open-source issue thread", "Alumni network",
    "A comment on their talk video", "Twitter/X thread about first jobs", "Hackathon team-mate",
    "Discord community", "Career fair",
)
PERSONAL = (
    "Has two kids; loves bouldering on weekends.", "Moving to Lisbon in the spring.",
    "Runs a small newsletter about accessibility.", "Ex-teacher, switched to tech at 34.",
    "Big fan of board games; recommended Wingspan.", "Training for a marathon in April.",
    "Mentors at Codebridge on Thursdays.", "Just got back from parental leave.",
    "Plays bass in a jazz trio.", "Learning Japanese; has a shiba called Miso.",
    "", "", "",
)
NOTES = (
    "Prefers short emails; replies fast on weekdays.",
    "Suggested I look at their team's good-first-issues.",
    "Their team is hiring juniors next quarter.",
    "Said to ping them after my portfolio project ships.",
    "Interested in the talk I'm preparing on testing.",
    "Knows the hiring manager at Copperleaf.",
    "Offered to review my CV.", "", "", "",
)
SUMMARIES = {
    "coffee": ("Coffee near their office: talked about {topic}", "Virtual coffee about {topic}"),
    "call": ("Quick call about {topic}", "Phone call: their advice on {topic}"),
    "informational_interview": (
        "Informational interview about {topic}", "30 minutes on their path and {topic}",
    ),
    "email": ("Emailed to ask about {topic}", "Thank-you email after our chat about {topic}"),
    "dm": ("LinkedIn message about {topic}", "DM after their post on {topic}"),
    "meetup": ("Met at the meetup; chatted about {topic}",),
    "conference": ("Hallway chat at the conference about {topic}",),
    "comment": ("Commented on their post about {topic}",),
    "intro": ("They introduced me to someone working on {topic}",),
    "help": ("Helped them with {topic}", "Shared my notes on {topic}"),
    "other": ("Bumped into them; talked about {topic}",),
}
TOPICS = (
    "their first job in tech", "code reviews", "the junior hiring process", "open-source",
    "moving from teaching to tech", "their team's stack", "portfolio projects",
    "technical interviews", "a typical day on their team", "remote work", "mentoring",
    "writing a tech blog", "testing in Python", "getting a referral", "bootcamp vs degree",
)
EVENT_NAMES = {
    "meetup": ("Python Meetup", "PyLadies Monthly", "JS Night", "Women Who Code Social",
               "DevOps Coffee", "Data Science Drinks"),
    "conference": ("PyCon", "DevFest", "RenderConf", "DataCon"),
    "hackathon": ("Hack the Harbor", "Civic Hack Day"),
    "career_fair": ("Tech Career Fair", "Bootcamp Hiring Day"),
    "talk": ("Lightning talks night", "Guest talk: first year as a dev"),
}
PLACES = ("Community hall", "Northwind Labs office", "Public library, room 2", "Online",
          "Convention centre", "The Brick café", "University campus")
USER_QUESTIONS = (
    ("What do you wish you had known in your first month?", "Their path into tech"),
    ("How does your team onboard a junior developer?", "Their company and team"),
    ("Is there a project of mine you would want to see before a referral?", "Next steps"),
)
PITCHES = (
    ("Meetup pitch",
     "I'm a former chemistry teacher who now builds Python tools. I've shipped two open-source "
     "projects and I'm looking for a junior backend role where testing matters. In a year I "
     "want to be the person my team trusts with the data pipeline."),
    ("LinkedIn intro",
     "Hi! I'm switching careers into software after a bootcamp. I build small web apps in "
     "Python and JavaScript and I'd love 15 minutes to hear how you got your first role."),
)
