extension Templates {
    /// `okrlint init --template team` (the default): a team's quarter, two objectives aligned to the level above.
    static let team = Template(name: "team", summary: "a team's OKRs for a period, aligned to the level above (default)", text: """
    # {{team}} OKRs {{period}}

    - okr: 1
    - team: {{team}}
    - period: {{period}}
    - owner: @{{team}}-lead

    <!--
    Written by `okrlint init`. Replace the examples with your own; `okrlint` checks the file as you go and
    `okrlint rule ID` explains any finding. Grammar.md has the whole format.

    The shape: two to four objectives (qualitative, inspiring: where you want to be), each with two to five key
    results (numbers that say you got there: a metric `baseline -> target unit`, the `current` value, your
    `confidence` 0.0-1.0 of reaching it) and the initiatives under them (`- [ ]` tasks: the work, not the result).
    Check-ins at the end record progress, one dated line per key result and week.
    -->

    {{parent-comment}}## O1: Make releases boring for our users
    - owner: @{{team}}-lead
    {{aligns-1}}
    ### KR1.1: Cut the median time from merge to production
    - metric: 2 -> 0.5 days
    - current: 2 days
    - confidence: 0.5
    - owner: @{{team}}-lead
    - [ ] Automate the release checklist @{{team}}-lead

    ### KR1.2: Reduce incidents caused by releases
    - metric: 6 -> 2 incidents
    - current: 6 incidents
    - confidence: 0.5
    - owner: @{{team}}-lead

    ## O2: Delight the teams that depend on us
    - owner: @{{team}}-lead
    {{aligns-2}}
    ### KR2.1: Raise the satisfaction score of our internal users
    - metric: 6.5 -> 8 points
    - current: 6.5 points
    - confidence: 0.5
    - owner: @{{team}}-lead

    ### KR2.2: Grow the number of teams on the self-serve path
    - metric: 4 -> 12 teams
    - current: 4 teams
    - confidence: 0.5
    - owner: @{{team}}-lead

    ## Check-ins
    <!-- One line per key result and week, for example: - YYYY-MM-DD KR1.1: 1.5 days, confidence 0.6 -- note -->

    """)
}
