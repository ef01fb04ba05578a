import Testing
@testable import ChathamScrub

/// The distinctive core of an organisation's name ("Northgate" for
/// "Northgate General Hospital") is looked for on its own, as a whole word.
@Suite struct OrganisationNameTests {
    @Test func coresDropGenericWordsAtBothEnds() {
        #expect(OrganisationName.cores("Northgate General Hospital") == ["Northgate"])
        #expect(OrganisationName.cores("Northgate Health NHS Trust") == ["Northgate"])
        #expect(OrganisationName.cores("Stadtwerke Rheinfeld AG") == ["Rheinfeld"])
        #expect(OrganisationName.cores("Banque Lumière SA") == ["Lumière"])
        #expect(OrganisationName.cores("Companhia Tejo Energia S.A.") == ["Tejo"])
        #expect(OrganisationName.cores("Mutuelle Assurances du Val de Loire") == ["Val de Loire"])
        #expect(OrganisationName.cores("The Harbour & Fenwick Trust") == ["Harbour & Fenwick"])
    }

    @Test func nothingWhenTheCoreIsTheNameOrTooCommon() {
        #expect(OrganisationName.cores("Sakura Seiki").isEmpty)          // no generic word
        #expect(OrganisationName.cores("Northgate").isEmpty)             // one word: the entry itself
        #expect(OrganisationName.cores("First National Bank").isEmpty)   // "First" alone names nobody
        #expect(OrganisationName.cores("The General Hospital").isEmpty)  // all generic
        #expect(OrganisationName.cores("Our Bank").isEmpty)              // a common word alone
        #expect(OrganisationName.cores("Abc Bank").isEmpty)              // under four letters
        #expect(OrganisationName.cores("さくら精機株式会社").isEmpty)       // no spaces: left to the entry
    }

    @Test func theCoreIsRedactedAsAWholeWord() {
        let scrubber = Scrubber(profile: MemberProfile(organisationNames: ["Northgate General Hospital"]), numbered: false)
        #expect(scrubber.scrub("Northgate's pharmacy was down").text == "[ORG] pharmacy was down")
        #expect(scrubber.scrub("staff at Northgate General were told").text == "staff at [ORG] General were told")
        #expect(scrubber.scrub("NORTHGATE and northgate").text == "[ORG] and [ORG]")
        // Near misses: the generic words alone, and the core inside a longer word.
        #expect(scrubber.scrub("the general hospital nearby").text == "the general hospital nearby")
        #expect(scrubber.scrub("we paid Northgateway twice").text == "we paid Northgateway twice")
    }
}
