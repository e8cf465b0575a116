/// The one list of rules. Order is the order of `okrlint rules` and the docs.
public enum Registry {
    public static let all: [any Rule] = [
        // Shape of the file
        MissingHeaderRule(),
        InvalidPeriodRule(),
        UnknownKeyRule(),
        DuplicateIDRule(),
        UnknownReferenceRule(),
        // Focus
        TooManyObjectivesRule(),
        TooManyKeyResultsRule(),
        TooFewKeyResultsRule(),
        ObjectiveTooLongRule(),
        ObjectiveHasMetricRule(),
        // Measurability
        UnmeasurableKeyResultRule(),
        KeyResultIsATaskRule(),
        MetricInconsistentRule(),
        MetricDirectionRule(),
        OrphanedInitiativeRule(),
        MissingOwnerRule(),
        // Follow-through
        DateOutsidePeriodRule(),
        StaleCheckInRule(),
        CurrentOutOfSyncRule(),
        CheckInsOutOfOrderRule(),
        CheckInInFutureRule(),
        BehindScheduleRule(),
        SandbaggingRule(),
        // Alignment across files
        BrokenAlignmentRule(),
        UnalignedObjectiveRule(),
        UnsupportedObjectiveRule(),
        PeriodMismatchRule(),
        AlignmentCycleRule(),
        DuplicateTeamIDRule(),
        // Suppressions
        UnusedSuppressionRule(),
    ]

    public static func rule(_ id: String) -> (any Rule)? {
        all.first { $0.description.id == id }
    }

    public static var ids: [String] { all.map { $0.description.id } }
}
