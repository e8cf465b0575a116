extension Templates {
    /// `okrlint init --template radical-focus`: Christina Wodtke's form, one objective and three key results.
    static let radicalFocus = Template(name: "radical-focus", summary: "one objective, three key results, confidence out of ten (Wodtke's Radical Focus)", text: """
    # {{team}} OKRs {{period}}

    - okr: 1
    - team: {{team}}
    - period: {{period}}
    - owner: @{{team}}-lead

    <!--
    Written by `okrlint init`, after Christina Wodtke's Radical Focus: one objective for the period, three key
    results set so you are about 50% sure to reach them (confidence 5/10 at the start), and a Monday check-in that
    updates each confidence. Health metrics you must not hurt on the way go in the notes.
    -->

    {{parent-comment}}## O1: Win the hearts of small teams
    - owner: @{{team}}-lead
    {{aligns-1}}
    ### KR1.1: Grow weekly active small teams
    - metric: 120 -> 300 teams
    - current: 120 teams
    - confidence: 5/10
    - owner: @{{team}}-lead

    ### KR1.2: Raise the share of trials that invite a teammate
    - metric: 20% -> 40%
    - current: 20%
    - confidence: 5/10
    - owner: @{{team}}-lead

    ### KR1.3: Cut the time to a first shared board
    - metric: 30 -> 5 min
    - current: 30 min
    - confidence: 5/10
    - owner: @{{team}}-lead

    ## Check-ins
    <!-- Every Monday, one line per key result: - YYYY-MM-DD KR1.1: 150 teams, confidence 6/10 -- what changed -->

    ## Notes
    Health metrics: support response time stays under one day; no drop in paid conversion.

    """)
}
