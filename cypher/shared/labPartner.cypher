// Lab partner of a chain: a Platform of a laboratory kind (LABORATORY, KEY_LABORATORY, INTERNATIONAL_JOINT_LAB)
// that SERVES the chain, or PARTNERS_WITH or is HOSTED by one of the chain's enterprises. Other kinds
// (ENGINEERING_RESEARCH_CENTER, INCUBATOR, ...) never count.
// An expression. Expects: lab (Platform), chain (IndustryChain), and no variable named e in scope.
(lab.kind IN ['LABORATORY', 'KEY_LABORATORY', 'INTERNATIONAL_JOINT_LAB']
  AND (EXISTS { (lab)-[:SERVES]->(chain) }
    OR EXISTS {
      MATCH (lab)-[:PARTNERS_WITH]->(e:Enterprise)
      WHERE
      // #include shared/chainEnterprise
    }
    OR EXISTS {
      MATCH (lab)<-[:HOSTS]-(e:Enterprise)
      WHERE
      // #include shared/chainEnterprise
    }))
