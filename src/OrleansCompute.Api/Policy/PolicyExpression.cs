using OrleansCompute.Identity;

namespace OrleansCompute.Api.Policy;

/// <summary>
/// A parsed oslo.policy check string: <c>role:admin or (role:member and project_id:%(project_id)s)</c>.
/// Evaluated against the caller (the credentials) and the target of the request.
/// </summary>
internal abstract record PolicyExpression
{
    public abstract bool Evaluate(PolicyEvaluation evaluation);

    /// <summary><c>@</c> or an empty rule: always allowed.</summary>
    public sealed record Always : PolicyExpression
    {
        public override bool Evaluate(PolicyEvaluation evaluation) => true;
    }

    /// <summary><c>!</c>: never allowed.</summary>
    public sealed record Never : PolicyExpression
    {
        public override bool Evaluate(PolicyEvaluation evaluation) => false;
    }

    public sealed record And(IReadOnlyList<PolicyExpression> Operands) : PolicyExpression
    {
        public override bool Evaluate(PolicyEvaluation evaluation) => Operands.All(o => o.Evaluate(evaluation));
    }

    public sealed record Or(IReadOnlyList<PolicyExpression> Operands) : PolicyExpression
    {
        public override bool Evaluate(PolicyEvaluation evaluation) => Operands.Any(o => o.Evaluate(evaluation));
    }

    public sealed record Not(PolicyExpression Operand) : PolicyExpression
    {
        public override bool Evaluate(PolicyEvaluation evaluation) => !Operand.Evaluate(evaluation);
    }

    /// <summary><c>rule:name</c>: another rule of the policy; an unknown rule is false, as in oslo.policy.</summary>
    public sealed record RuleReference(string Name) : PolicyExpression
    {
        public override bool Evaluate(PolicyEvaluation evaluation) => evaluation.EvaluateRule(Name);
    }

    /// <summary><c>role:name</c>: the caller has the role (compared case-insensitively, as oslo.policy does).</summary>
    public sealed record RoleCheck(string Role) : PolicyExpression
    {
        public override bool Evaluate(PolicyEvaluation evaluation)
        {
            var role = PolicyEvaluation.Substitute(Role, evaluation.Target);
            return role is not null && evaluation.Caller.Roles.Contains(role, StringComparer.OrdinalIgnoreCase);
        }
    }

    /// <summary>
    /// <c>attribute:value</c>: a credential attribute (<c>project_id</c>, <c>user_id</c>, <c>is_admin</c>) equals
    /// the value, which may name a target attribute as <c>%(project_id)s</c>. A quoted left side is a constant
    /// compared with the value (<c>'demo':%(project_id)s</c>).
    /// </summary>
    public sealed record GenericCheck(string Attribute, string Value) : PolicyExpression
    {
        public override bool Evaluate(PolicyEvaluation evaluation)
        {
            var expected = PolicyEvaluation.Substitute(Value, evaluation.Target);
            if (expected is null)
            {
                return false;
            }

            if (Attribute.Length >= 2 && Attribute[0] is '\'' or '"' && Attribute[^1] == Attribute[0])
            {
                return string.Equals(Attribute[1..^1], expected, StringComparison.Ordinal);
            }

            var actual = Credential(evaluation.Caller, Attribute);
            // oslo.policy compares is_admin as a boolean, so "True" and "true" are the same value.
            var comparison = Attribute == "is_admin" ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            return actual is not null && string.Equals(actual, expected, comparison);
        }

        private static string? Credential(CallerContext caller, string attribute) => attribute switch
        {
            "project_id" or "tenant" or "tenant_id" => caller.ProjectId,
            "user_id" or "user" => caller.UserId,
            "is_admin" => caller.IsAdmin ? "True" : "False",
            _ => null,
        };
    }
}
