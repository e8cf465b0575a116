"""What an OKR coach (and the source, for its bad examples) would report on each set.

Rows are (file, target, rule, reason). Targets: `O1`, `KR1.2` (the heading line), `init:<text>` (an
initiative line), `L<n>` (a line number), `*O` (every objective of the file).
expected   = findings a coach would give: they must appear (recall).
acceptable = findings that may appear without the source disputing them (not counted either way).
Anything else at error or warning severity is a false alarm.
"""

ACCESSED = "2026-11-26"

TASK = "key-result-is-a-task"
UNMEAS = "unmeasurable-key-result"
FEW = "too-few-key-results"
MANY_KR = "too-many-key-results"
MANY_O = "too-many-objectives"
ORPHAN = "orphaned-initiative"
OWNER = "missing-owner"


def src(title, url, **extra):
    d = {"title": title, "url": url, "accessed": ACCESSED}
    d.update(extra)
    return d


GITLAB_GUIDE = ("GitLab's own guidance (okrs-basics): 'When writing OKRs, focus on outcomes, not tasks, "
                "and make key results measurable'")

SETS = {
    # ------------------------------------------------------------------ corpus
    "gitlab-fy21-q1": {
        "source": src("GitLab Handbook: FY21-Q1 OKRs", "https://handbook.gitlab.com/handbook/company/okrs/fy21-q1/",
                      read_at="https://github.com/zalyoung/gitlab-handbook/blob/main/content/handbook/company/okrs/fy21-q1.md"),
        "kind": "mixed",
        "expected": [
            ("cro.okr", "KR2.1", TASK, "a deliverable ('New tiers, terms and agreement complete, published'); " + GITLAB_GUIDE),
            ("cro.okr", "KR2.2", TASK, "a launch ('Automated deal reg launched and available'); GitLab's example OKRs say to avoid KRs 'tracking tasks or launches'"),
            ("cro.okr", "KR3.1", TASK, "an activity ('develop agreed upon quarterly targets and developed reporting'); " + GITLAB_GUIDE),
            ("cro.okr", "KR3.2", TASK, "activities ('establish SLA's ... Assign DRI's'); " + GITLAB_GUIDE),
            ("product-growth.okr", "KR1.1", UNMEAS, "'Make material improvements' has no measure or target; " + GITLAB_GUIDE),
            ("cto.okr", "KR1.1", TASK, "a launch ('Launch transparent weighted appdex measure'); GitLab: avoid KRs 'tracking tasks or launches'"),
            ("cto.okr", "KR1.3", TASK, "an output count ('Deliver the top 10 customer requested features'); GitLab's own 'Avoid' example is 'Ship 10 components'"),
            ("cto.okr", "KR2.2", TASK, "an activity ('Dogfood self-monitoring on dot com')"),
            ("quality.okr", "KR1.2", TASK, "an activity ('Design and roll out department official on-call process')"),
            ("quality.okr", "KR2.1", TASK, "a deliverable ('Create 3 performance indicators ... and 2 performance indicators')"),
            ("quality.okr", "KR2.3", TASK, "a deliverable ('Create performance indicator to measure test planning')"),
            ("engineering-productivity.okr", "KR1.3", TASK, "a deliverable ('Create 2 performance indicators in periscope')"),
        ],
        "acceptable": [
            ("cro.okr", "O2", "objective-is-a-task", "'Launch New Channel Program' is a launch, a project (added for issue 21)"),
            ("company.okr", "KR1.1", UNMEAS, "'both ahead of plan' names no number (the plan is internal); a coach may ask for one"),
            ("cro.okr", "KR2.3", TASK, "'Deliver at least one new PIO' counts an output"),
            ("cro.okr", "KR3.1", UNMEAS, "an activity with no measure (the source tracks it as '=> 50% completed')"),
            ("cro.okr", "KR3.2", UNMEAS, "an activity with no measure"),
            ("product-growth.okr", "KR1.1", TASK, "'Make material improvements to ... workflows' describes work"),
            ("product-growth.okr", "KR2.1", TASK, "'Deliver AMAU and SMAU tracking' is a deliverable, with a quality bar"),
            ("quality.okr", "KR1.1", TASK, "'Close out 19 remaining ... test gap coverage' is work on a backlog"),
        ],
    },
    "gitlab-basics-avoid": {
        "source": src("GitLab Handbook: Overview of Objectives and Key Results (OKRs), 'Example OKRs' (Avoid)",
                      "https://handbook.gitlab.com/handbook/company/okrs/okrs-basics/",
                      read_at="https://github.com/zalyoung/gitlab-handbook/blob/main/content/handbook/company/okrs/okrs-basics.md"),
        "kind": "bad",
        "expected": [
            ("example.okr", "KR1.1", TASK, "marked 'Avoid': a launch ('becomes available in beta'); 'a focus on outcomes and business results instead of KRs tracking tasks or launches'"),
            ("example.okr", "KR1.2", TASK, "marked 'Avoid': 'Ship 10 components' tracks a task, not an outcome"),
        ],
    },
    "gitlab-basics-instead": {
        "source": src("GitLab Handbook: Overview of Objectives and Key Results (OKRs), 'Example OKRs' (Instead)",
                      "https://handbook.gitlab.com/handbook/company/okrs/okrs-basics/",
                      read_at="https://github.com/zalyoung/gitlab-handbook/blob/main/content/handbook/company/okrs/okrs-basics.md"),
        "kind": "good",
    },
    "google-playbook-worse": {
        "source": src("Google's OKR Playbook (whatmatters.com), the examples it warns against",
                      "https://www.whatmatters.com/resources/google-okr-playbook"),
        "kind": "bad",
        "expected": [
            ("examples.okr", "KR2.1", TASK, "the playbook: KRs 'must describe outcomes, not activities' -- 'rather than \"assess Colossus latency\"'"),
            ("examples.okr", "KR2.2", TASK, "the playbook: 'A classic example: \"Launch X,\" with no criteria for success'"),
            ("examples.okr", "KR2.2", UNMEAS, "the playbook: 'Launch X' has 'no criteria for success'"),
            ("examples.okr", "KR2.3", TASK, "the playbook: 'If your KRs are expressed in team-internal terms (\"Launch Foo 4.1\"), they probably aren't good. What matters isn't the launch, but its impact'"),
            ("examples.okr", "KR2.4", UNMEAS, "the playbook: '\"Improve sign-ups\" isn't a good Key Result' -- 'Make sure your Key Results are measurable'"),
        ],
        "acceptable": [
            ("examples.okr", "O1", FEW, "the playbook gives this objective alone, without key results"),
            ("examples.okr", "KR2.1", UNMEAS, "'assess Colossus latency' has no measure"),
            ("examples.okr", "KR2.3", UNMEAS, "'Launch Foo 4.1' has no measure of impact"),
        ],
    },
    "google-playbook-better": {
        "source": src("Google's OKR Playbook (whatmatters.com), the rewritten examples it recommends",
                      "https://www.whatmatters.com/resources/google-okr-playbook"),
        "kind": "good",
        "acceptable": [
            ("examples.okr", "O1", FEW, "the playbook gives this objective alone, without key results"),
        ],
    },
    "wodtke-tea-draft": {
        "source": src("Christina Wodtke, 'Accomplish Big Goals With Objectives & Key Results' (Warm Gun slides; the tea start-up of Radical Focus), first draft",
                      "https://www.slideshare.net/cwodtke/warm-gun-accomplish-big-goals-with-objectives-key-results"),
        "kind": "bad",
        "expected": [
            ("okrs.okr", "KR1.1", TASK, "Jim: 'Those are tasks. Not results.'"),
            ("okrs.okr", "KR1.2", TASK, "Jim: 'Those are tasks. Not results.'"),
            ("okrs.okr", "KR1.3", TASK, "Jim: 'Those are tasks. Not results.'"),
        ],
        "acceptable": [
            ("okrs.okr", "KR1.1", UNMEAS, "the slides' OKR test also asks 'Is it measureable?'; a task has no measure"),
            ("okrs.okr", "KR1.2", UNMEAS, "the slides' OKR test also asks 'Is it measureable?'; a task has no measure"),
            ("okrs.okr", "KR1.3", UNMEAS, "the slides' OKR test also asks 'Is it measureable?'; a task has no measure"),
        ],
    },
    "wodtke-tea-revised": {
        "source": src("Christina Wodtke, 'Accomplish Big Goals With Objectives & Key Results' (Warm Gun slides; the tea start-up of Radical Focus), revised key results",
                      "https://www.slideshare.net/cwodtke/warm-gun-accomplish-big-goals-with-objectives-key-results"),
        "kind": "good",
    },
    "microsoft-viva-goals": {
        "source": src("Microsoft Learn, 'Write effective OKRs' (Viva Goals), OKR writing framework",
                      "https://learn.microsoft.com/training/modules/viva-goals-write-effective-okrs/",
                      read_at="https://github.com/wwlpublish/learn-m365-pr-auto-sync-back-test/blob/main/learn-m365-pr/m365/viva-goals-write-effective-okrs/includes/writing-framework.md"),
        "kind": "good",
        "acceptable": [
            ("training.okr", "O1", FEW, "the example shows one key result to illustrate an initiative under it"),
        ],
    },
    "posthog-eu-goal": {
        "source": src("PostHog Handbook, 'Goal setting' (template under 'Good goal setting')",
                      "https://posthog.com/handbook/company/goal-setting",
                      read_at="https://github.com/PostHog/posthog.com/blob/master/contents/handbook/company/goal-setting.md (2023 version)"),
        "kind": "good",
    },
    "perdoo-examples": {
        "source": src("source{d} OKR methodology, 'Examples' (quoting Perdoo's OKR guide)",
                      "https://github.com/src-d/okrs/blob/master/sourced-okr-methodology.md"),
        "kind": "good",
        "acceptable": [
            ("examples.okr", "O1", FEW, "the table shows one example key result per objective"),
            ("examples.okr", "O2", FEW, "the table shows one example key result per objective"),
            ("examples.okr", "O3", FEW, "the table shows one example key result per objective"),
        ],
    },
    "upraise-engineering": {
        "source": src("Upraise, 'Engineering OKR examples for different levels in the organisation' (team level)",
                      "https://upraise.io/objectives-key-results-okr/examples/engineering/",
                      read_at="https://beaulebens.com/2020/05/05/engineering-okr-examples-for-different-levels-in-the-organisation/"),
        "kind": "good",
        "acceptable": [
            ("team.okr", "KR1.1", TASK, "'Hire 10 new engineers' counts an input; many coaches call hiring an activity"),
            ("team.okr", "KR1.2", TASK, "'Agree & document performance measurement metrics' describes work"),
            ("team.okr", "KR1.3", TASK, "'by ensuring each one participates in ... hackathons' describes work"),
            ("team.okr", "KR2.3", TASK, "'contribute 1200 code reviews' counts an output"),
        ],
    },
    "weekdone-sales-example": {
        "source": src("Weekdone (Jüri Kaljundi), 'The Basics of OKRs: Introduction to Objectives and Key Results', 'Example Company or Sales OKR'",
                      "https://www.scribd.com/document/470766876/Ebook-introduction-to-objectives-and-key-results-basics-of-okrs-pdf"),
        "kind": "good",
        "acceptable": [
            ("sales.okr", "KR1.3", TASK, "'Up-sell to 100 existing customers' reads as an activity, though it counts customers"),
        ],
    },
    "doerr-sand-hill-unicorns": {
        "source": src("John Doerr, 'Measure What Matters' (2018): the top-down alignment example 'The Sand Hill Unicorns'",
                      "https://www.whatmatters.com/the-book",
                      read_at="https://www.slideshare.net/slideshow/okr-partii/193128042 (slides by Arjun Kava reproducing the example)"),
        "kind": "mixed",
        "expected": [
            ("svp-marketing.okr", "KR1.1", UNMEAS, "'Upgrade team branding.' has no number ('it's not a key result unless it has a number', Marissa Mayer in the book)"),
            ("svp-marketing.okr", "KR1.2", UNMEAS, "'Improve media coverage.' has no number or target"),
            ("svp-marketing.okr", "KR1.3", UNMEAS, "'Revitalize in-stadium promotion program.' has no number or target"),
            ("marketing-director.okr", "KR1.1", TASK, "'Target two colorful players to new marketing campaign.' is an activity"),
            ("marketing-director.okr", "KR1.2", TASK, "'Create a more compelling team slogan.' is an activity"),
            ("marketing-director.okr", "KR1.2", UNMEAS, "'more compelling' has no measure"),
            ("merchandise-manager.okr", "KR1.1", TASK, "'Contact 10 souvenir companies.' is an activity"),
            ("merchandise-manager.okr", "KR1.2", TASK, "'Price out 5 options.' is an activity"),
            ("merchandise-manager.okr", "KR1.3", TASK, "'Present 3 ideas for stadium giveaways' is an activity"),
            ("offensive-coach.okr", "KR1.3", TASK, "'Hire new quarterback coach.' is an activity"),
        ],
        "acceptable": [
            ("marketing-director.okr", "O1", "objective-is-a-task", "'Upgrade team branding.' is an activity (added for issue 21)"),
            ("marketing-director.okr", "KR1.1", UNMEAS, "an activity with no measure ('two' players is not a target)"),
            ("defensive-coach.okr", "KR1.3", TASK, "'Develop a Pro Bowl cornerback.' is phrased as an activity"),
            ("svp-marketing.okr", "KR1.1", TASK, "'Upgrade team branding.' is phrased as an activity (added by the lead after review: like 'Develop a Pro Bowl cornerback.', a coach may call it one)"),
        ],
    },
    "src-d-2019-q1": {
        "source": src("source{d}, 'OKRs 2019 Q1'", "https://github.com/src-d/okrs/blob/master/2019-Q1.md",
                      methodology="https://github.com/src-d/okrs/blob/master/sourced-okr-methodology.md"),
        "kind": "mixed",
        "expected": [
            ("okrs.okr", "O5", MANY_O, "10 objectives; the source's own methodology: company OKRs are '3 or 4 things your organization aims to achieve'"),
            ("okrs.okr", "O1", MANY_KR, "10 key results; the methodology lists 'Having more than 3 Key Results per Objective' among the most common mistakes"),
            ("okrs.okr", "O2", FEW, "an objective with no key result"),
            ("okrs.okr", "O3", FEW, "an objective with no key result, only an initiative"),
            ("okrs.okr", "O4", FEW, "an objective with no key result, only an initiative"),
            ("okrs.okr", "O8", FEW, "an objective with no key result"),
            ("okrs.okr", "O9", FEW, "an objective with no key result, only an initiative"),
            ("okrs.okr", "O10", FEW, "an objective with no key result, only initiatives"),
        ] + [
            ("okrs.okr", kr, UNMEAS, "no number; the methodology: 'A Key Result is a metric with a starting value and a target value'")
            for kr in ["KR1.1", "KR1.2", "KR1.3", "KR1.4", "KR1.5", "KR1.6", "KR1.7", "KR1.8", "KR1.9", "KR1.10",
                       "KR5.1", "KR5.2", "KR5.3", "KR6.1", "KR6.2", "KR7.1", "KR7.2"]
        ] + [
            ("okrs.okr", "KR1.1", TASK, "'Enable engine integration' is an activity; the methodology: KRs 'should always be things that you don't do'"),
            ("okrs.okr", "KR1.4", TASK, "'Analyze current performance limits and improve them' is an activity"),
            ("okrs.okr", "KR1.9", TASK, "'Release necessary language support' is an activity (a delivery)"),
            ("okrs.okr", "KR5.2", TASK, "'Create new lookout analyzers' is an activity"),
            ("okrs.okr", "KR6.1", TASK, "'Refactor to go-borges library' is an activity"),
            ("okrs.okr", "KR7.1", TASK, "'Release the production kubernetes pipeline cluster' is an activity"),
            ("okrs.okr", "init:Conduct two empathy sessions", ORPHAN, "initiative directly under an objective; the methodology puts initiatives under key results"),
            ("okrs.okr", "init:Release a new version, updated", ORPHAN, "initiative directly under an objective"),
            ("okrs.okr", "init:Publish the final id2vec model", ORPHAN, "initiative directly under an objective"),
            ("okrs.okr", "init:Hiring: Test", ORPHAN, "initiative directly under an objective"),
            ("okrs.okr", "init:Hiring: ML", ORPHAN, "initiative directly under an objective"),
            ("okrs.okr", "init:Hiring: Apps", ORPHAN, "initiative directly under an objective"),
            ("okrs.okr", "init:Hiring: LA", ORPHAN, "initiative directly under an objective"),
            ("okrs.okr", "init:Hiring: DR", ORPHAN, "initiative directly under an objective"),
            ("okrs.okr", "init:Hiring: DP", ORPHAN, "initiative directly under an objective"),
            ("okrs.okr", "init:Hiring: Infra", ORPHAN, "initiative directly under an objective"),
        ],
        "acceptable": [
            ("okrs.okr", "O4", "objective-is-a-task", "'Release a new version of PGA' is a release (added for issue 21)"),
            ("okrs.okr", "KR1.5", TASK, "'Make enterprise friendly' reads as work on the product"),
            ("okrs.okr", "KR1.8", TASK, "'Online updates' names a feature to deliver"),
            ("okrs.okr", "KR1.10", TASK, "'Get bblfsh ready' names work to finish"),
            ("okrs.okr", "KR5.1", TASK, "'Improve current lookout analyzers' is work on a component"),
            ("okrs.okr", "KR5.3", TASK, "'Lookout Platform' names a deliverable"),
            ("okrs.okr", "KR6.2", TASK, "'Improve borges storage' is work on a component"),
            ("okrs.okr", "*O", OWNER, "no objective names an owner; the methodology: 'team leads still own their OKRs'"),
        ],
    },
    "nodejs-2020-set-1": {
        "source": src("Node.js Community Committee and Nodejs.dev, 'Objectives and Key Results', OKRs (2020 Set 1)",
                      "https://github.com/nodejs/community-committee/blob/main/OKR.md",
                      also="https://github.com/nodejs/nodejs.dev/blob/main/OKR.md"),
        "kind": "mixed",
        "expected": [
            ("community-committee.okr", "O2", MANY_KR, "6 key results; the references the file cites (re:Work) recommend 3 to 5"),
            ("community-committee.okr", "KR1.2", TASK, "'Draft a growth path/succession plan ... and socialize' is an activity"),
            ("nodejs-dev.okr", "KR1.1", TASK, "'Draft and maintain technical administration summary and how-to guides' is an activity"),
            ("nodejs-dev.okr", "KR1.2", TASK, "'Consider using issue templates' is an activity (and a tentative one)"),
            ("nodejs-dev.okr", "KR2.1", TASK, "'Create a feature roadmap' is a deliverable"),
            ("nodejs-dev.okr", "KR2.2", TASK, "'Track features & priorities in one place' is an activity"),
            ("nodejs-dev.okr", "KR2.3", TASK, "'Make available the top two features' is a delivery"),
            ("nodejs-dev.okr", "KR3.1", TASK, "'Write down implicit team norms' is an activity"),
            ("nodejs-dev.okr", "KR3.2", UNMEAS, "a question, not a measurable result; the file itself says KRs 'are a set of metrics'"),
        ],
        "acceptable": [
            ("community-committee.okr", "KR1.1", TASK, "'Add and retain 5 members' is phrased as work, though it counts members"),
            ("community-committee.okr", "KR2.2", TASK, "'Publish 5 blog posts' counts an output"),
            ("community-committee.okr", "KR2.3", TASK, "'Publish 3 blog posts' counts an output"),
            ("community-committee.okr", "KR2.4", TASK, "speaking at 10 conferences counts an output"),
            ("community-committee.okr", "KR2.5", TASK, "'Elevate 1 CommComm process' counts an output"),
            ("community-committee.okr", "KR2.6", TASK, "'Amplify and celebrate 20 announcements' counts an output"),
            ("community-committee.okr", "KR3.1", TASK, "'Publish 5 practical tutorials' counts an output"),
            ("community-committee.okr", "KR3.2", TASK, "'Run 3 AMAs' counts an output"),
            ("community-committee.okr", "KR3.3", TASK, "'Feature 5 non-core repositories' counts an output"),
            ("community-committee.okr", "KR4.2", TASK, "'Create and publish 5 documents' counts an output"),
            ("nodejs-dev.okr", "KR1.1", UNMEAS, "an activity with no measure"),
            ("nodejs-dev.okr", "KR1.2", UNMEAS, "an activity with no measure"),
            ("nodejs-dev.okr", "KR2.2", UNMEAS, "an activity with no measure"),
        ],
    },
    "js-ipfs-2018-q3": {
        "source": src("js-ipfs, 'Quarterly Objectives and Key Results', 2018 Q3", "https://github.com/ipfs/js-ipfs/blob/master/OKR.md"),
        "kind": "mixed",
        "expected": [
            ("okrs.okr", "KR1.3", UNMEAS, "'is a sound solution' is a judgement with no measure; the file: 'Results are tangible and measurable'"),
            ("okrs.okr", "KR3.1", TASK, "'js.ipfs.io is finished and published' is a deliverable"),
            ("okrs.okr", "KR3.3", TASK, "'Complete the Awesome Endeavour, Documentation' is an activity"),
        ],
        "acceptable": [
            ("okrs.okr", "O1", "objective-is-a-task", "'is figured out and solved' reports work done (added for issue 21)"),
            ("okrs.okr", "KR1.4", TASK, "'The DHT is enabled by default' is a deliverable stated as a state"),
            ("okrs.okr", "KR3.2", TASK, "'Onboard 2 new full time contributors' is phrased as an activity"),
            ("okrs.okr", "*O", OWNER, "the file names owners only for some key results, none for objectives"),
        ],
    },
    "go-ipfs-2018-q4": {
        "source": src("go-ipfs (now kubo), 'Quarterly Objectives and Key Results', 2018 Q4", "https://github.com/ipfs/kubo/blob/master/OKR.md"),
        "kind": "mixed",
        "expected": [
            ("okrs.okr", "O5", MANY_O, "6 objectives in one quarter"),
            ("okrs.okr", "O5", FEW, "the objective's two key results are empty in the source"),
            ("okrs.okr", "KR2.2", UNMEAS, "'Bitswap improvements around ...' has no target; the file: 'Results are tangible and measurable'"),
            ("okrs.okr", "KR6.3", UNMEAS, "'IPFS Mount' names a feature, with no measure"),
            ("okrs.okr", "KR1.3", TASK, "'There is a prototype implementation of GraphSync' is a deliverable"),
            ("okrs.okr", "KR1.4", TASK, "'There is a better and more performant datastore module' is a deliverable"),
            ("okrs.okr", "KR1.5", TASK, "'Rewrite pinning data structures' is an activity"),
            ("okrs.okr", "KR3.1", TASK, "'The Core API is finalized and released' is a deliverable"),
            ("okrs.okr", "KR3.4", TASK, "'The legacy non Core API is deprecated and the diagram ... is updated' is a deliverable"),
            ("okrs.okr", "KR4.1", TASK, "'The Go Contributing Guidelines are updated' is a deliverable"),
            ("okrs.okr", "KR4.2", TASK, "'proposed, reviewed by the team, merged and implemented' is an activity"),
            ("okrs.okr", "KR4.5", TASK, "'There is an up-to-date Architecture Diagram' is a deliverable"),
        ],
        "acceptable": [
            ("okrs.okr", "O6", "objective-is-a-task", "'Complete outstanding endeavours' is work to finish (added for issue 21)"),
            ("okrs.okr", "O3", "objective-all-milestones", "all four key results are milestones (added for issue 21)"),
            ("okrs.okr", "KR2.1", TASK, "'Users can opt out of providing every IPLD node' is a feature to deliver"),
            ("okrs.okr", "KR2.2", TASK, "'Bitswap improvements' describes work"),
            ("okrs.okr", "KR3.2", TASK, "'go-ipfs-api exposes the new Core API' is a deliverable"),
            ("okrs.okr", "KR3.3", TASK, "'... use the new Core API' is a deliverable"),
            ("okrs.okr", "KR4.3", TASK, "'Every issue ... gets triaged' describes work"),
            ("okrs.okr", "KR4.4", TASK, "'Every package has tests' is a deliverable"),
            ("okrs.okr", "KR6.1", TASK, "'base32 is supported and enabled by default' is a deliverable"),
            ("okrs.okr", "KR6.2", TASK, "'go-ipfs gets a unixfsV2 prototype' is a deliverable"),
            ("okrs.okr", "KR6.3", TASK, "'IPFS Mount' names a deliverable"),
            ("okrs.okr", "*O", OWNER, "the file names owners only for some key results, none for objectives"),
        ],
    },
}

# ------------------------------------------------------------------ corpus, added for issue 21 (tuned on)
OBJ_TASK = "objective-is-a-task"
ALL_MS = "objective-all-milestones"
SETS.update({
    "mozilla-participation-2017-q4": {
        "source": src("Mozilla Participation team, 'Participation Team Q4 OKRs' (2017, Mozilla Discourse)",
                      "https://discourse.mozilla.org/t/participation-team-q4-okrs/20607"),
        "kind": "mixed",
        "expected": [
            ("okrs.okr", "O1", OBJ_TASK, "'Delivered a detailed strategy and roadmap' is a deliverable, not an outcome"),
            ("okrs.okr", "O1", ALL_MS, "three documents to deliver: a project plan"),
            ("okrs.okr", "KR1.1", TASK, "'We have delivered a report' is work delivered"),
            ("okrs.okr", "KR1.2", TASK, "'We have delivered a report' is work delivered"),
            ("okrs.okr", "KR1.3", TASK, "'A detailed roadmap ... accepted by stakeholders' is a deliverable"),
            ("okrs.okr", "KR3.3", TASK, "'a prioritized list of standards ... created and ready to be tested' is a deliverable"),
        ],
        "acceptable": [
            ("okrs.okr", "KR2.3", TASK, "'we have identified 10 new code contributors' may read as counted work"),
            ("okrs.okr", "O3", OBJ_TASK, "'We have developed best practices and standards' reads as delivered work"),
        ],
    },
    "mozilla-foundation-2017": {
        "source": src("Mozilla Foundation, 'Mozilla Foundation 2017 OKRs' (MozillaWiki), OKR 1 and the first key results of OKR 2",
                      "https://wiki.mozilla.org/Foundation/2017/OKRs"),
        "kind": "mixed",
        "expected": [
            ("okrs.okr", "KR1.4", TASK, "'Approach to track public awareness ... in place' is a deliverable"),
            ("okrs.okr", "KR2.1a", TASK, "'Network site launched by Q2' is a launch"),
            ("okrs.okr", "O2", OBJ_TASK, "'Launch the Mozilla Network ... into the world' is a launch, a project"),
            ("okrs.okr", "O2", ALL_MS, "both key results are site milestones"),
        ],
        "acceptable": [
            ("okrs.okr", "KR2.1b", TASK, "'Site evolved into a core participation mechanism' is a delivered state"),
            ("okrs.okr", "KR1.3", TASK, "'25 ... members publish or give a high visibility talk' may read as counted work"),
            ("okrs.okr", "O2", FEW, "the copy read is cut after these two key results"),
        ],
    },
    "mozilla-reps-2021-q4": {
        "source": src("Mozilla Reps Council, 'Reps OKRs Q4 2021' (Mozilla Discourse)",
                      "https://discourse.mozilla.org/t/reps-okrs-q4-2021/86152"),
        "kind": "mixed",
        "expected": [
            ("okrs.okr", "KR2.1", TASK, "'at least 4 articles published' counts work done"),
            ("okrs.okr", "O2", FEW, "one key result (the copy read may be cut after it)"),
        ],
        "acceptable": [
            ("okrs.okr", "KR1.2", TASK, "'Activate (and re-activate) Local and functional communities' starts with an activity"),
            ("okrs.okr", "*O", "objective-too-long", "long objective titles (info)"),
        ],
    },
    "meltano-2022": {
        "source": src("Meltano handbook, 'OKRs', list of current OKRs (2022)",
                      "https://github.com/meltano/handbook/blob/main/src/_company/okrs.md"),
        "kind": "mixed",
        "expected": [
            ("okrs.okr", "L11", UNMEAS, "a metric with no target; the handbook itself defines a KR as a metric with a start value and a target value"),
            ("okrs.okr", "L14", UNMEAS, "a metric with no target"),
            ("okrs.okr", "L16", UNMEAS, "a metric with no target"),
            ("okrs.okr", "L18", UNMEAS, "a metric with no target"),
            ("okrs.okr", "L21", FEW, "'More detail COMING SOON': no key results"),
        ],
        "acceptable": [
            ("okrs.okr", "L8", OBJ_TASK, "'We will validate our broad Meltano vision' reads as an activity"),
            ("okrs.okr", "L21", OBJ_TASK, "'We will address feedback ... and begin actively monitoring' reads as activities"),
        ],
    },
    "mcnab-learn-python": {
        "source": src("Bryce McNab, 'OKR: Objectives and Key Results' (blog draft, 2017), the example 'Learn Basic Python'",
                      "https://github.com/betsythefc/blog.imnotat.work/blob/master/Life/okrs.md"),
        "kind": "mixed",
        "expected": [
            ("okrs.okr", "KR1.1", TASK, "'Read Chapter 1' is an activity (the post calls it 'a clearly defined milestone'; Castro and Google's playbook call such key results tasks)"),
            ("okrs.okr", "KR1.2", TASK, "'Completed practice scripts' is work delivered"),
            ("okrs.okr", "KR1.3", TASK, "'Re-write a previous basic Bash shell script' is an activity"),
            ("okrs.okr", "O1", ALL_MS, "every key result is a step to complete: a study plan, not an outcome"),
        ],
        "acceptable": [
            ("okrs.okr", "O1", OBJ_TASK, "'Learn Basic Python' reads as an activity"),
        ],
    },
    "nicolini-onboarding": {
        "source": src("Matthew Nicolini, 'OKR' (Medium), the example 'Improve the on boarding program'",
                      "https://medium.com/@matthewnicolini/okr-62b7cde16ce3"),
        "kind": "mixed",
        "expected": [
            ("okrs.okr", "KR1.2", TASK, "'A/B test until ...' is an activity"),
            ("okrs.okr", "KR1.4", TASK, "'Fine tune OKR for one hour weekly' is an activity: time spent, an input"),
        ],
        "acceptable": [
            ("okrs.okr", "O1", OBJ_TASK, "'Improve the on boarding program' names a program to work on"),
        ],
    },
})

# ------------------------------------------------------------------ holdout (samples/real-world-holdout; not checked by swift test)
SG_METHOD = ("Sourcegraph's OKR page (2020): each objective has 'a list of 1-3 key results'")
SETS.update({
    "sourcegraph-fy21-q2": {
        "source": src("Sourcegraph, 'FY21-Q2 OKRs'", "https://about.sourcegraph.com/company/goals/2021_q2",
                      read_at="https://github.com/sourcegraph/about/blob/main/company/goals/2021_q2.md",
                      methodology="https://github.com/sourcegraph/about/blob/main/company/okrs/index.md"),
        "kind": "mixed",
        "expected": [
            ("company.okr", "O1", MANY_KR, "4 key results; " + SG_METHOD),
            ("product.okr", "O1", MANY_KR, "4 key results; " + SG_METHOD),
            ("distribution.okr", "O2", MANY_KR, "4 key results; " + SG_METHOD),
            ("company.okr", "KR1.2", UNMEAS, "'aligned on strategy, execution, and metrics' has no measure or judge"),
            ("company.okr", "KR1.4", UNMEAS, "'Clear value prop' is undefined, like the page's own bad example 'Create an effective pitch' ('\"effective\" is not defined')"),
            ("marketing.okr", "KR3.1", TASK, "'Hire a Developer Televangelist' is an activity"),
            ("vp-engineering.okr", "KR1.1", TASK, "'Define and measure KPIs' is an activity (its owner notes it was not the right goal)"),
            ("distribution.okr", "KR2.2", TASK, "'Fully automate the QA and release process' is an activity (issue 9 names it)"),
            ("distribution.okr", "KR2.4", TASK, "'Establish clear reporting on utilization' is an activity"),
        ],
        "acceptable": [
            ("marketing.okr", "KR2.2", "placeholder-target", "'XXX Influential users/customers': the number is left as XXX (added with the rule, issue 21)"),
            ("company.okr", "KR1.1", UNMEAS, "'ahead of plan': the plan is confidential (the page asks for placeholders)"),
            ("company.okr", "KR1.3", UNMEAS, "'ahead of plan': the plan is confidential"),
            ("company.okr", "KR3.2", UNMEAS, "'Meet hiring plan' names no number"),
            ("marketing.okr", "KR1.1", UNMEAS, "a key result 'clear in its reliance on someone's judgment', which the page allows"),
            ("marketing.okr", "KR1.2", UNMEAS, "N6 is a placeholder for a confidential number, as the page prescribes"),
            ("marketing.okr", "KR2.1", UNMEAS, "ZZZ is a placeholder for a number"),
            ("marketing.okr", "KR2.2", UNMEAS, "XXX is a placeholder for a number"),
            ("marketing.okr", "KR3.2", UNMEAS, "'almost daily' is not a target"),
            ("product.okr", "KR1.1", TASK, "a feature to deliver, stated as what users can do"),
            ("product.okr", "KR1.2", TASK, "a feature to deliver, stated as what users can do"),
            ("product.okr", "KR1.3", TASK, "a feature to deliver"),
            ("product.okr", "KR1.4", UNMEAS, "N4 is a placeholder for a number"),
            ("product.okr", "KR2.2", UNMEAS, "$N7 is a placeholder for a number"),
            ("product.okr", "KR3.1", TASK, "'Hire 2 Product Managers' counts an input"),
            ("product.okr", "KR3.2", TASK, "'Hire 2 Designers' counts an input"),
            ("distribution.okr", "KR2.3", UNMEAS, "'Eliminate flakiness' gives no measure"),
            ("core-services.okr", "KR1.2", TASK, "'Migrate 95% of e2e tests' is work, though measured"),
            ("web.okr", "KR1.1", TASK, "'devotes 2d per milestone' measures an input"),
            ("web.okr", "KR1.2", TASK, "'devotes 3d per milestone' measures an input"),
        ],
    },
    "uxcel-framing-okrs": {
        "source": src("Uxcel, 'Framing OKRs' (course Fundamentals for Product Managers)",
                      "https://app.uxcel.com/courses/fundamentals-for-productmanagers/product-metrics-kpis-278/framing-okrs-6741"),
        "kind": "mixed",
        "expected": [
            ("product.okr", "KR2.1", TASK, "the lesson: '\"Launch video calling\" is an output'"),
        ],
        "acceptable": [
            ("company.okr", "O1", FEW, "the lesson gives the company objective alone"),
            ("product.okr", "KR2.1", UNMEAS, "an output with no measure"),
            ("product.okr", "O1", "unaligned-objective", "the lesson says product OKRs 'should ladder up to company goals'; this example does not say which"),
            ("product.okr", "O2", "unaligned-objective", "a container objective added for the format"),
            ("product.okr", "O3", FEW, "the lesson gives one product target for the company objective"),
        ],
    },
    "mayadata-sales-training": {
        "source": src("MayaData culture handbook, 'Objectives and Key Results' (example from the Startup OKR template)",
                      "https://github.com/mayadata-io/culture/blob/master/process/okr.md"),
        "kind": "mixed",
        "expected": [
            ("okrs.okr", "KR1.1", TASK, "the handbook: the objective 'can be accomplished ... by putting out a training material out there'; 'a good key result would be one that can be easily measured and is a stretch - like train 50 sales team members'"),
        ],
    },
    "weekplan-good-okr": {
        "source": src("Weekplan support, 'What is a good OKR?'",
                      "https://support.weekplan.net/fr/knowledge-bases/4/articles/7472-what-is-a-good-okr"),
        "kind": "mixed",
        "expected": [
            ("bad.okr", "KR3.1", TASK, "the article: 'The key result should measure progress, not activity (bad: \"Write 10 articles\", good: \"Reach 10000 readers\")'"),
        ],
        "acceptable": [
            ("bad.okr", "O1", FEW, "the article gives objectives alone"),
            ("bad.okr", "O2", FEW, "the article gives objectives alone"),
            ("bad.okr", "O3", FEW, "one example key result in a container objective"),
            ("good.okr", "O1", FEW, "the article gives objectives alone"),
            ("good.okr", "O2", FEW, "the article gives objectives alone"),
            ("good.okr", "O3", FEW, "one example key result in a container objective"),
        ],
    },
    "seiden-outcomes-over-output": {
        "source": src("Josh Seiden, 'Outcomes Over Output' (2019), quoted in a reader's notes on Goodreads",
                      "https://www.goodreads.com/notes/45186993-outcomes-over-output/34084990-robbie-manson/fd72036b-22a7-45d3-b271-27123c1515cd"),
        "kind": "good",
    },
})

# ------------------------------------------------------------------ holdout 2 (samples/real-world-holdout-2; issue 21: written
# before any rule change for issue 21, never tuned on; not checked by swift test)
OBJ_TASK = "objective-is-a-task"
ALL_MS = "objective-all-milestones"
SETS.update({
    "mozilla-participation-2017-q1": {
        "source": src("Mozilla Participation team, 'Participation OKRs for Q1 2017' (Mozilla Discourse)",
                      "https://discourse.mozilla.org/t/participation-okrs-for-q1-2017/13095"),
        "kind": "mixed",
        "expected": [
            ("okrs.okr", "KR1.2", TASK, "'Plan agreed with ...' is a deliverable: a plan, not what it changes"),
            ("okrs.okr", "KR2.1", TASK, "'Data and qualitative narrative of existing communities ...' names a document to produce"),
            ("okrs.okr", "KR2.2", TASK, "'Draft proposal for organizing models' names a document to produce"),
            ("okrs.okr", "KR3.1", TASK, "'Shared onboarding framework and tools are identified' is work delivered"),
            ("okrs.okr", "KR4.1", TASK, "'Inventory of all existing ... relationships' names a document to produce"),
            ("okrs.okr", "KR4.2", TASK, "'Draft strategy created for ...' is a deliverable"),
            ("okrs.okr", "O2", ALL_MS, "both key results are documents to deliver: a project plan, not an outcome"),
            ("okrs.okr", "O4", ALL_MS, "both key results are documents to deliver: a project plan, not an outcome"),
        ],
        "acceptable": [
            ("okrs.okr", "O4", OBJ_TASK, "'We have begun mapping ... and identifying the strategy' describes activity"),
        ],
    },
    "wevolver-2017": {
        "source": src("Wevolver handbook, 'OKRs', section '2017 OKRs WEVOLVER'",
                      "https://github.com/moshthepitt/Handbook/blob/master/OKRs.md"),
        "kind": "mixed",
        "expected": [
            ("okrs.okr", "KR1.2", TASK, "'create / update handbook' is an activity"),
            ("okrs.okr", "KR1.3", TASK, "'establish team communication and accountability practices' is an activity"),
            ("okrs.okr", "KR1.4", TASK, "'establish founders rules and practices' is an activity"),
            ("okrs.okr", "KR2.3", TASK, "'establish key user engagement metrics ..., set targets, measure progress' is an activity"),
            ("okrs.okr", "KR3.1", TASK, "'Align social media expression and activity' is an activity"),
            ("okrs.okr", "KR3.1", UNMEAS, "no measure or target"),
            ("okrs.okr", "KR4.2", UNMEAS, "the source says so itself: 'needs baseline and targets'"),
            ("okrs.okr", "KR5.1", TASK, "'all individual elements ... build up reversible history' describes a feature"),
            ("okrs.okr", "KR5.2", TASK, "'users can create clones and branches' describes a feature, not a change for anyone"),
            ("okrs.okr", "KR5.3", TASK, "'users can create merge requests' describes a feature"),
            ("okrs.okr", "KR5.4", TASK, "'users can -in browser- identify and visually compare changes' describes a feature"),
            ("okrs.okr", "KR5.5", TASK, "'stable 1.0 version released as open source software' is a release"),
            ("okrs.okr", "O5", MANY_KR, "6 key results"),
            ("okrs.okr", "O5", OBJ_TASK, "'Develop Version Control for Hardware' is a project to build, not an outcome"),
        ],
        "acceptable": [
            ("okrs.okr", "KR1.1", TASK, "'hiring 2 software developers' counts hires, an input (capacity key results are disputed)"),
            ("okrs.okr", "KR4.2", TASK, "'optimize global performance' describes work"),
            ("okrs.okr", "O1", OBJ_TASK, "'Build team + culture' reads as an activity"),
            ("okrs.okr", "O4", OBJ_TASK, "'Optimize repository functionality' reads as an activity"),
            ("okrs.okr", "KR2.1", TASK, "'make £15,000 RR p/m' starts with 'make'"),
            # Added after the first run (spec omissions, not rule changes; see the README):
            ("okrs.okr", "O3", FEW, "one key result"),
            ("okrs.okr", "O5", MANY_O, "five objectives in one file"),
        ],
    },
    "squad-2020": {
        "source": src("SetMatch Games, Squad, 'Objectives and Key Results' (Q1 2020 and yearly 2020)",
                      "https://github.com/SetMatchGames/squad/blob/master/OKRs.md"),
        "kind": "mixed",
        "expected": [
            ("q1-2020.okr", "O1", OBJ_TASK, "'Alpha release of Squad Chess' is a release, a project"),
            ("q1-2020.okr", "O1", ALL_MS, "every key result is a feature to deliver: a project plan"),
            ("q1-2020.okr", "KR1.1", TASK, "'Real matches playable online' describes a feature"),
            ("q1-2020.okr", "KR1.2", TASK, "'Submittable and shareable components and formats' describes features"),
            ("q1-2020.okr", "KR1.3", TASK, "'Curation of components and formats' names work"),
            ("q1-2020.okr", "KR2.1", TASK, "'12 streams' counts work done (streams held)"),
            ("q1-2020.okr", "KR2.2", TASK, "'2 streams with guests' counts work done"),
            ("2020.okr", "KR1.1", TASK, "'Beta release of Automatic Chess' is a release"),
            ("2020.okr", "KR1.2", TASK, "'Alpha release of Squad Games' is a release"),
            ("2020.okr", "KR2.1", TASK, "'Describe 3 realistic funding methods' is an activity"),
            ("2020.okr", "KR2.2", TASK, "'10 inquiries towards those funding methods' counts work done"),
            ("2020.okr", "O3", FEW, "an objective with no key result"),
            ("2020.okr", "O3", OBJ_TASK, "'Publish a whitepaper' is a task"),
        ],
        "acceptable": [
            ("q1-2020.okr", "KR2.3", TASK, "'3 interactions w/ new viewers' may read as counted work"),
            ("2020.okr", "O2", OBJ_TASK, "'Explore funding options' is an activity"),
            ("2020.okr", "O1", MANY_KR, "5 key results, at the limit of most guides"),
        ],
    },
    "green-software-if-2025": {
        "source": src("Green Software Foundation, Impact Framework, 'Impact Framework OKRs'",
                      "https://github.com/Green-Software-Foundation/if/blob/main/okrs.md"),
        "kind": "mixed",
        "acceptable": [
            ("okrs.okr", "O1", FEW, "one key result per objective"),
            ("okrs.okr", "O2", FEW, "one key result per objective"),
            ("okrs.okr", "KR2.1", TASK, "'20 case studies added' counts outputs, though as a proxy for adoption"),
        ],
    },
    "mozilla-foundation-2020": {
        "source": src("Mozilla Foundation, 'Mozilla Foundation 2020 OKRs' (MozillaWiki), org-wide OKRs 1 to 3",
                      "https://wiki.mozilla.org/Foundation/2020/OKRs"),
        "kind": "mixed",
        "expected": [
            ("okrs.okr", "KR1.1", TASK, "'Publish a whitepaper theory of change' is a task"),
            ("okrs.okr", "KR2.2", TASK, "'10 awards or fellowships' counts what the foundation hands out: work done"),
        ],
        "acceptable": [
            ("okrs.okr", "KR1.3", TASK, "'25 collaborations with partners' may read as counted work"),
            ("okrs.okr", "O1", OBJ_TASK, "'Test out our theory of change' is an activity"),
            ("okrs.okr", "O3", OBJ_TASK, "'Mobilize an influential consumer audience' reads as an activity"),
            ("okrs.okr", "*O", "objective-too-long", "long objective titles (info)"),
        ],
    },
})

# ------------------------------------------------------------------ holdout 3 (samples/real-world-holdout-3; issue 21,
# second round: written before any rule change of that round, never tuned on; not checked by swift test)
PLACEHOLDER = "placeholder-target"
ACCESSED_3 = "2026-12-08"


def src3(title, url, **extra):
    d = src(title, url, **extra)
    d["accessed"] = ACCESSED_3
    return d


SETS.update({
    "joystream-2019-q2": {
        "source": src3("Jsgenesis (Joystream), 'Q2-19 OKR Archive': quarterly and personal OKRs",
                       "https://github.com/Joystream/joystream/blob/master/okrs/OKR-archive/Q2-19/README.md"),
        "kind": "mixed",
        "expected": [
            ("quarterly.okr", "KR1.4", TASK, "'Dev to start work on platform chat' is an activity (subject + infinitive)"),
            ("quarterly.okr", "KR1.5", TASK, "'Dev to start work on platform forum' is an activity"),
            ("quarterly.okr", "KR2.4", TASK, "'Complete \"Opportunistic joystream.org Website Improvements\"' is a project to finish"),
            ("personal.okr", "KR1.1", TASK, "'Write ... forum module which is ready for release' is a deliverable"),
            ("personal.okr", "KR1.2", TASK, "'Define first full technical specification framework' is an activity"),
            ("personal.okr", "KR1.3", TASK, "'Define runtime architecture guidelines' is an activity"),
            ("personal.okr", "KR2.2", TASK, "'Schedule, perform and report on weekly testing' is an activity"),
            ("personal.okr", "KR2.3", TASK, "'Submit minutes for all \"Core\" release meetings' is an activity"),
            ("personal.okr", "KR2.4", TASK, "'Finish the rust book.' is a task"),
            ("personal.okr", "KR2.5", TASK, "'Have 2 (/src) PRs merged' counts outputs"),
            ("personal.okr", "O1", ALL_MS, "all three key results are things to write or define: a project plan"),
        ],
        "acceptable": [
            ("quarterly.okr", "KR1.1", TASK, "a hire is a capacity key result: disputed (issue 21)"),
            ("quarterly.okr", "KR1.2", TASK, "a hire is a capacity key result: disputed (issue 21)"),
            ("quarterly.okr", "KR1.3", TASK, "a hire is a capacity key result: disputed (issue 21)"),
            ("quarterly.okr", "O1", MANY_KR, "5 key results, at the limit of most guides"),
            ("quarterly.okr", "O2", MANY_KR, "5 key results, at the limit of most guides"),
            ("personal.okr", "O2", MANY_KR, "5 key results, at the limit of most guides"),
            ("personal.okr", "KR2.1", TASK, "'Improve meeting tracking/reporting system as measured by ...' names work, with a measure"),
            ("personal.okr", "KR2.2", UNMEAS, "an activity with no measure"),
            ("personal.okr", "KR2.3", UNMEAS, "an activity with no measure"),
            ("personal.okr", "O1", OBJ_TASK, "'Improve Technical Productivity of Team' could be read either way"),
            ("personal.okr", "O2", OBJ_TASK, "'Improve value as Release Manager' could be read either way"),
        ],
    },
    "scilifelab-dds-2024": {
        "source": src3("SciLifeLab Data Centre, Data Delivery System (team Hermes), ADR 21 'Plan for 2024: Objectives and Key Results'",
                       "https://github.com/ScilifelabDataCentre/dds_web/blob/master/docs/architecture/decisions/0021-plan-for-2024-objectives-and-key-results.md"),
        "kind": "mixed",
        "expected": [
            ("okrs.okr", "KR1.1", TASK, "'Plan for a workshop for DDS users' is an activity; the workshop an output"),
            ("okrs.okr", "KR1.2", TASK, "'Create or update support documentation' is a deliverable"),
            ("okrs.okr", "KR2.3", TASK, "'Create / Generate documentation for the dds_web/api' is a deliverable"),
            ("okrs.okr", "KR3.2", TASK, "'Ensure the GUI functions consistently ... on macOS, Linux and Windows' is a feature state"),
            ("okrs.okr", "KR3.3", TASK, "'Get feedback on GUI prototype from 5 users' counts an activity"),
            ("okrs.okr", "KR3.1", UNMEAS, "'Reduced learning curve ... in less time and effort' names no measure or target"),
        ],
        "acceptable": [
            ("okrs.okr", "KR2.1", TASK, "'Resolve ... security alerts within 7 days' is work, though held to a time level"),
            ("okrs.okr", "KR2.2", TASK, "'Increase test coverage' measures the team's own output, a common engineering KR"),
            ("okrs.okr", "KR3.1", TASK, "'Users can perform common tasks in the new GUI' may read as a capability"),
            ("okrs.okr", "O3", OBJ_TASK, "'Improve user experience via a GUI prototype' names a prototype to build"),
            ("okrs.okr", "*O", "objective-too-long", "long titles (info)"),
        ],
    },
    "dreamdao-partnerships-s2": {
        "source": src3("Dream DAO, Partnerships WG, 'Season 2 Objectives and Key Results' (Notion export)",
                       "https://github.com/thedreamdao-eth/Archival_Operating_Documents"),
        "kind": "mixed",
        "expected": [
            ("okrs.okr", "KR1.1", PLACEHOLDER, "'provide X paid internship': the target is a placeholder, the key result unfinished"),
            ("okrs.okr", "KR1.2", TASK, "'Work with relevant people/WGs ... to build a database' is an activity"),
            ("okrs.okr", "KR3.1", TASK, "'Work with Governance ... to create a treasury system' is an activity"),
            ("okrs.okr", "KR3.2", TASK, "'Conduct an audit of what avenues of funding to pursue' is an activity"),
            ("okrs.okr", "KR4.2", TASK, "'Create a non-hierarchical system of outreach' is a deliverable"),
            ("okrs.okr", "KR4.1", UNMEAS, "'Give greater transparency' names no measure"),
        ],
        "acceptable": [
            ("okrs.okr", "KR1.2", UNMEAS, "an activity with no measure"),
            ("okrs.okr", "KR3.1", UNMEAS, "an activity with no measure"),
            ("okrs.okr", "KR3.2", UNMEAS, "an activity with no measure"),
            ("okrs.okr", "KR4.2", UNMEAS, "an activity with no measure"),
            ("okrs.okr", "KR4.1", TASK, "'Give greater transparency to our DAO partnerships' reads as an activity"),
            ("okrs.okr", "KR2.1", TASK, "'Secure 10+ speaking opportunities' may read as counted work"),
            ("okrs.okr", "KR2.3", TASK, "'Partner with 5 NFT collections' may read as counted work"),
            ("okrs.okr", "O2", OBJ_TASK, "'Establish brand partnerships' reads as an activity"),
            ("okrs.okr", "O4", OBJ_TASK, "'Promote a greater emphasis on partnerships' reads as an activity"),
            ("okrs.okr", "KR1.1", UNMEAS, "the target is a placeholder"),
        ],
    },
    "jqphu-2021-h1": {
        "source": src3("Justin Phu, 'OKR Planning - 2021H1' (personal OKRs, blog)",
                       "https://github.com/jqphu/blog/blob/master/_posts/2021-01-16-okr-planning-2021H1.md"),
        "kind": "mixed",
        "expected": [
            ("okrs.okr", "KR1.2", TASK, "'Write a post every two weeks' is an activity"),
            ("okrs.okr", "KR1.3", TASK, "'Read a book a month' is an activity"),
            ("okrs.okr", "KR2.1", TASK, "'Compete in a tennis tournament' is a one-off activity"),
            ("okrs.okr", "KR2.5", TASK, "'Complete the morning/night routine for 90 times' counts an activity"),
            ("okrs.okr", "KR3.1", TASK, "'Have a daily deep work block' is a habit, an activity"),
        ],
        "acceptable": [
            ("okrs.okr", "KR1.1", TASK, "'Mindless is used to reflect on OKRs' is his own project in use: a deliverable state"),
            ("okrs.okr", "KR2.3", TASK, "'90 sessions of meditation' counts a habit"),
            ("okrs.okr", "KR1.2", UNMEAS, "a cadence in words, no number"),
            ("okrs.okr", "KR1.3", UNMEAS, "a cadence in words, no number"),
            ("okrs.okr", "KR3.1", UNMEAS, "a habit with no number"),
            ("okrs.okr", "KR2.2", PLACEHOLDER, "'>80(?)': the second target is marked unsure"),
            ("okrs.okr", "O2", MANY_KR, "5 key results, at the limit of most guides"),
        ],
    },
    "gitcoin-dao-2022-h1": {
        "source": src3("Gitcoin DAO, 'Proposed OKRs for H1 2022', as quoted in dex-guru's DAO research notes",
                       "https://github.com/dex-guru/dao-research"),
        "kind": "mixed",
        "expected": [
            ("okrs.okr", "KR2.1", TASK, "'2 implementations of ... dGrants forks' counts outputs"),
            ("okrs.okr", "KR2.2", TASK, "'Ensure each instance of Grants has a shared registry' is a feature state"),
            ("okrs.okr", "KR2.3", TASK, "'Release a generally available MVP ... and collect feedback' is a release"),
            ("okrs.okr", "KR2.4", TASK, "'Evaluation, roadmap planning for ...' names activities"),
            ("okrs.okr", "KR2.5", TASK, "'Evaluation, roadmap planning for ...' names activities"),
        ],
        "acceptable": [
            ("okrs.okr", "O2", MANY_KR, "5 key results, at the limit of most guides"),
        ],
    },
})
