// University partner of a chain: a University that one of the chain's enterprises COOPERATES_WITH, or that is
// MEMBER_OF a Consortium TARGETING the chain which one of the chain's enterprises LEADS or is MEMBER_OF, or that
// EMPLOYS a Person SECONDED_TO one of the chain's enterprises (科技副总).
// An expression. Expects: u (University), chain (IndustryChain), and no variables named e or consortium in scope.
(EXISTS {
    MATCH (e:Enterprise)-[:COOPERATES_WITH]->(u)
    WHERE
    // #include shared/chainEnterprise
  }
  OR EXISTS {
    MATCH (u)-[:MEMBER_OF]->(consortium:Consortium)-[:TARGETS]->(chain),
      (e:Enterprise)-[:LEADS|MEMBER_OF]->(consortium)
    WHERE
    // #include shared/chainEnterprise
  }
  OR EXISTS {
    MATCH (u)<-[:EMPLOYED_BY]-(:Person)-[:SECONDED_TO]->(e:Enterprise)
    WHERE
    // #include shared/chainEnterprise
  })
