extension Templates {
    /// `okrlint init --template personal`: one person's goals for a period.
    static let personal = Template(name: "personal", summary: "one person's objectives (growth, health, craft)", text: """
    # {{team}} personal OKRs {{period}}

    - okr: 1
    - team: {{team}}
    - period: {{period}}
    - owner: @{{team}}

    <!--
    Written by `okrlint init`. Personal OKRs work like a team's: an objective says where you want to be, its key
    results are numbers that prove it, and the tasks under them are the work. Keep it to one or two objectives.
    -->

    {{parent-comment}}## O1: Grow as a writer
    - owner: @{{team}}
    {{aligns-1}}
    ### KR1.1: Grow published articles
    - metric: 0 -> 6 articles
    - current: 0 articles
    - confidence: 0.6
    - owner: @{{team}}
    - [ ] Keep a list of ideas @{{team}}

    ### KR1.2: Raise the average reading time of an article
    - metric: 1 -> 3 min
    - current: 1 min
    - confidence: 0.5
    - owner: @{{team}}

    ## Check-ins
    <!-- For example: - YYYY-MM-DD KR1.1: 2 articles, confidence 0.7 -->

    """)
}
