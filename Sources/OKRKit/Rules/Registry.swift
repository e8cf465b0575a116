/// The one list of rules. Order is the order of `okrlint rules` and the docs.
public enum Registry {
    public static let all: [AnyRule] = [
        // Shape of the file
        .document(MissingHeaderRule()),
        .document(InvalidPeriodRule()),
        .document(UnknownKeyRule()),
        .document(DuplicateIDRule()),
        .document(UnknownReferenceRule()),
        // Focus
        .document(TooManyObjectivesRule()),
        .document(TooManyKeyResultsRule()),
        .workspace(TooFewKeyResultsRule()),
        .document(ObjectiveTooLongRule()),
        .document(ObjectiveHasMetricRule()),
        .document(KeyResultRestatesObjectiveRule()),
        // Measurability
        .document(UnmeasurableKeyResultRule()),
        .document(PlaceholderTargetRule()),
        .document(KeyResultIsATaskRule()),
        .document(ObjectiveIsATaskRule()),
        .document(ObjectiveAllMilestonesRule()),
        .document(MilestoneWithoutDueRule()),
        .document(MetricInconsistentRule()),
        .document(MetricDirectionRule()),
        .document(OrphanedInitiativeRule()),
        .document(MissingOwnerRule()),
        // Follow-through
        .document(DateOutsidePeriodRule()),
        .document(StaleCheckInRule()),
        .document(CurrentOutOfSyncRule()),
        .document(CheckInsOutOfOrderRule()),
        .document(CheckInInFutureRule()),
        .document(BehindScheduleRule()),
        .document(SandbaggingRule()),
        .history(MovingGoalpostsRule()),
        .history(CarriedOverKeyResultRule()),
        .workspace(CarriedOverFromPreviousFileRule()),
        .document(UnscoredAfterPeriodRule()),
        .workspace(NextPeriodNotPlannedRule()),
        .history(CurrentWithoutCheckInRule()),
        // Alignment across files
        .workspace(BrokenAlignmentRule()),
        .workspace(UnalignedObjectiveRule()),
        .workspace(UnsupportedObjectiveRule()),
        .workspace(PeriodMismatchRule()),
        .workspace(AlignmentCycleRule()),
        .workspace(DuplicateTeamIDRule()),
        // Suppressions
        .document(UnusedSuppressionRule()),
    ]

    public static func rule(_ id: String) -> AnyRule? {
        all.first { $0.id == id }
    }

    public static var ids: [String] { all.map(\.id) }
}
