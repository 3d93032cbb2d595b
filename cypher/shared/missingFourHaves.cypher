// Which of the four haves (四有) e lacks in the review year, as FourHave codes in a fixed order: an R&D
// institution (the shared definition), and the report's R&D staff, R&D spending and industry-university-research
// cooperation flags. Without a report of the year, every flag is missing. The R&D institution check looks at the
// report already in hand first: it is a report of the year, so its flag alone satisfies the shared definition, and
// the definition's own subqueries (every report of e, its platforms) then run only for the firms it does not.
// An expression (a list of strings). Expects: e (Enterprise), reviewYear (integer), report (the AnnualReport of
// the year, or null), and no variable named have in scope.
[have IN [
    {code: 'RD_INSTITUTION', has: report.hasRdInstitution = true OR
      // #include shared/rdInstitution
    },
    {code: 'RD_STAFF', has: report.hasRdStaff = true},
    {code: 'RD_SPENDING', has: report.hasRdSpending = true},
    {code: 'IUR_COOPERATION', has: report.hasIurCooperation = true}
  ] WHERE NOT coalesce(have.has, false) | have.code]
