extension Templates {
    /// `okrlint init --template company`: the top level that team files align to.
    static let company = Template(name: "company", summary: "the top level: a few company objectives that teams align to", text: """
    # {{team}} company OKRs {{period}}

    - okr: 1
    - team: {{team}}
    - period: {{period}}
    - owner: @ceo

    <!--
    Written by `okrlint init`. The company level: three objectives at most, each measured by key results the
    teams' own objectives serve. A team objective names the one it serves with `- aligns: {{team}}/O1` (or a key
    result: `- aligns: {{team}}/KR1.2`), and `okrlint` on the whole folder reports company objectives nobody
    supports and team objectives aligned to nothing. `okrlint graph` draws the alignment.
    -->

    ## O1: Become the obvious choice for our customers
    - owner: @ceo
    - type: aspirational

    ### KR1.1: Grow net new customers
    - metric: 400 -> 600 customers
    - current: 400 customers
    - confidence: 0.5
    - owner: @head-of-sales

    ### KR1.2: Raise net revenue retention
    - metric: 104% -> 112%
    - current: 104%
    - confidence: 0.5
    - owner: @head-of-customer-success

    ## O2: Build a product people trust every day
    - owner: @cto
    - type: committed

    ### KR2.1: Raise availability of the core service
    - metric: 99.5% -> 99.9%
    - current: 99.5%
    - confidence: 0.6
    - owner: @cto

    ### KR2.2: Cut the time to resolve a support ticket
    - metric: 30 -> 12 hours
    - current: 30 hours
    - confidence: 0.5
    - owner: @head-of-support

    ## Check-ins
    <!-- One line per key result and week, for example: - YYYY-MM-DD KR1.1: 450 customers, confidence 0.6 -->

    """)
}
