package org.memberbus.sandbox.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The sandbox's association: about 2,000 members with their memberships, events, certifications
 * and payments, generated from a fixed seed so every start holds the same people. Every simulator
 * seeds itself from this one source, so the CRM, the community and the gateway know the same
 * people under their own ids. Dates are relative to {@code today}, so "expiring soon" and
 * "lapsed" stay true whenever the sandbox starts.
 */
public record DemoAssociation(LocalDate today, List<DemoMember> members, List<DemoEvent> events,
                              List<RelationshipOwner> owners) {

    public static final long SEED = 20261123L;
    public static final int MEMBER_COUNT = 2000;

    /** A staff member in the CRM (a Salesforce User) who owns relationships with members. */
    public record RelationshipOwner(String userId, String name, String email) {}

    /** One person, with their id in each system. */
    public record DemoMember(
            int number,
            String crmContactId,        // Salesforce Contact Id (18 characters)
            String membershipId,        // Salesforce Membership__c Id
            String memberNumber,        // Contact.Member_Number__c, the external id field
            String communityId,         // community platform account id
            String gatewayCustomerId,   // payment gateway customer id
            String firstName, String lastName, String email, String phone, String employer,
            String city, String country,
            Grade level, Standing status,
            LocalDate memberSince, LocalDate startDate, LocalDate endDate, BigDecimal dues,
            String ownerId,
            Certification certification,   // null when the member holds none
            Activity activity) {

        /** True for active members whose membership ends within {@code days}. */
        public boolean expiresWithin(LocalDate today, int days) {
            return status == Standing.ACTIVE && !endDate.isAfter(today.plusDays(days));
        }
    }

    /** A certification the member holds, with the continuing-education credits it requires. */
    public record Certification(String id, String program, LocalDate awarded, LocalDate expires,
                                int ceRequired, int ceEarned) {}

    /** What the community platform knows of the member's recent behaviour (health signals). */
    public record Activity(int daysSinceLastLogin, int postsLast90Days, int contentViewsLast90Days,
                           int eventsAttendedLast12Months, List<String> groups) {}

    /** An event the association runs, created in the CRM and published on the community. */
    public record DemoEvent(String crmId, String communityId, String name, LocalDate date, int capacity,
                            BigDecimal memberPrice, BigDecimal nonMemberPrice, BigDecimal ceuCredits) {}

    private static final String[] FIRST = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret",
            "Tim", "Radia", "Ken", "Frances", "John", "Katherine", "Dennis", "Sophie", "Linus", "Hedy", "Claude",
            "Karen", "Niklaus", "Shafi", "Leslie", "Joan", "Guido", "Anita", "Bjarne", "Evelyn", "James",
            "Mary", "Vint", "Susan", "Robert", "Lynn", "Ivan", "Jean", "Fernando", "Adele", "Whitfield"};
    private static final String[] LAST = {"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth",
            "Hamilton", "Berners-Lee", "Perlman", "Thompson", "Allen", "McCarthy", "Johnson", "Ritchie",
            "Wilson", "Torvalds", "Lamarr", "Shannon", "Jones", "Wirth", "Goldwasser", "Lamport", "Clarke",
            "van Rossum", "Borg", "Stroustrup", "Berezin", "Gosling", "Keller", "Cerf", "Kare", "Kahn",
            "Conway", "Sutherland", "Sammet", "Corbato", "Goldberg", "Diffie"};
    private static final String[] EMPLOYERS = {"Northwind Health", "Contoso Engineering", "Fabrikam Labs",
            "Tailspin Consulting", "Wingtip Partners", "Adventure Works", "Litware Inc", "Proseware",
            "Coho Winery", "Lucerne Publishing", "Margie's Travel", "Trey Research"};
    private static final String[][] CITIES = {{"Chicago", "US"}, {"Boston", "US"}, {"Austin", "US"},
            {"Toronto", "CA"}, {"London", "GB"}, {"Dublin", "IE"}, {"Denver", "US"}, {"Seattle", "US"}};
    private static final String[] PROGRAMS = {"Certified Association Professional",
            "Certified Data Steward", "Certified Event Manager"};
    private static final String[] GROUPS = {"Early Career", "Data & Analytics", "Events Community",
            "Certification Study Group", "Volunteer Leaders", "Regional Chapter"};

    public static DemoAssociation generate(LocalDate today) {
        var random = new Random(SEED);
        var owners = new ArrayList<RelationshipOwner>();
        String[] ownerNames = {"Olivia Owner", "Raj Relations", "Mia Membership", "Sam Success", "Lee Liaison"};
        for (int i = 0; i < ownerNames.length; i++) {
            var name = ownerNames[i];
            owners.add(new RelationshipOwner(sfId("005", i + 1), name,
                    name.toLowerCase().replace(' ', '.') + "@memberbus.sandbox"));
        }
        var members = new ArrayList<DemoMember>(MEMBER_COUNT);
        for (int n = 1; n <= MEMBER_COUNT; n++) {
            members.add(member(n, today, random, owners));
        }
        var events = new ArrayList<DemoEvent>();
        String[] eventNames = {"Annual Conference", "Data Governance Summit", "Regional Meetup",
                "Leadership Forum", "Certification Boot Camp", "Webinar: Member Engagement"};
        for (int i = 0; i < 12; i++) {
            var name = eventNames[i % eventNames.length] + " " + (today.getYear() + (i < 6 ? 0 : 1));
            var date = today.plusDays(-90L + i * 30L);
            var memberPrice = BigDecimal.valueOf(i % 6 == 5 ? 0 : 95 + 50L * (i % 4));
            events.add(new DemoEvent(sfId("a03", i + 1), "ev_" + String.format("%04d", i + 1), name, date,
                    i % 6 == 0 ? 40 : 200, memberPrice, memberPrice.add(BigDecimal.valueOf(100)),
                    BigDecimal.valueOf(i % 6 == 5 ? 1 : 4 + i % 3)));
        }
        return new DemoAssociation(today, List.copyOf(members), List.copyOf(events), List.copyOf(owners));
    }

    private static DemoMember member(int n, LocalDate today, Random random, List<RelationshipOwner> owners) {
        var first = FIRST[random.nextInt(FIRST.length)];
        var last = LAST[random.nextInt(LAST.length)];
        var city = CITIES[random.nextInt(CITIES.length)];
        int levelRoll = random.nextInt(100);
        var level = levelRoll < 15 ? Grade.STUDENT : levelRoll < 40 ? Grade.ASSOCIATE
                : levelRoll < 90 ? Grade.PROFESSIONAL : Grade.FELLOW;
        // 75 % active (of which about one in eight expiring within 30 days), 15 % lapsed within
        // the 90-day grace period, 10 % archived.
        int statusRoll = random.nextInt(100);
        Standing status;
        LocalDate end;
        if (statusRoll < 65) {
            status = Standing.ACTIVE;
            end = today.plusDays(31 + random.nextInt(330));
        } else if (statusRoll < 75) {
            status = Standing.ACTIVE;
            end = today.plusDays(1 + random.nextInt(30));
        } else if (statusRoll < 90) {
            status = Standing.LAPSED;
            end = today.minusDays(1 + random.nextInt(89));
        } else {
            status = Standing.ARCHIVED;
            end = today.minusDays(120 + random.nextInt(600));
        }
        var start = end.minusYears(1);
        var since = start.minusYears(random.nextInt(12));
        var dues = BigDecimal.valueOf(switch (level) {
            case STUDENT -> 50;
            case ASSOCIATE -> 150;
            case PROFESSIONAL -> 295;
            case FELLOW -> 395;
        });
        Certification certification = null;
        if (random.nextInt(100) < 30) {
            var awarded = today.minusDays(30 + random.nextInt(1000));
            var expires = awarded.plusYears(3);
            certification = new Certification(sfId("a06", n), PROGRAMS[random.nextInt(PROGRAMS.length)],
                    awarded, expires, 30, random.nextInt(36));
        }
        boolean engaged = status == Standing.ACTIVE && random.nextInt(100) < 70;
        var groups = new ArrayList<String>();
        for (String g : GROUPS) {
            if (random.nextInt(100) < (engaged ? 25 : 5)) {
                groups.add(g);
            }
        }
        var activity = new Activity(
                engaged ? random.nextInt(30) : 30 + random.nextInt(300),
                engaged ? random.nextInt(25) : random.nextInt(2),
                engaged ? 5 + random.nextInt(80) : random.nextInt(5),
                engaged ? random.nextInt(5) : random.nextInt(2),
                List.copyOf(groups));
        var email = (first + "." + last).toLowerCase().replaceAll("[^a-z.]", "") + n + "@example.org";
        return new DemoMember(n, sfId("003", n), sfId("a01", n), String.format("M%06d", n),
                String.format("cm_%06d", n), "cus_" + token(random, 14), first, last, email,
                String.format("+1-555-%04d", n % 10000), EMPLOYERS[random.nextInt(EMPLOYERS.length)],
                city[0], city[1], level, status, since, start, end, dues,
                owners.get(n % owners.size()).userId(), certification, activity);
    }

    /** An 18-character Salesforce-style id: key prefix, "DM", a zero-padded number, "AAA". */
    public static String sfId(String prefix, int number) {
        return prefix + "DM" + String.format("%010d", number) + "AAA";
    }

    private static String token(Random random, int length) {
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
