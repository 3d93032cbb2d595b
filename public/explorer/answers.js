// @ts-check
// The shapes of the API's answers the page reads, as documents.js selects them (schema/*.graphql has the fields).
// Types only: each module casts gql's answer to the shape its query selects.

/**
 * @typedef {object} GraphNode a node of a Subgraph (schema/maps.graphql)
 * @property {string} id
 * @property {string} type its label
 * @property {string} label its name
 * @property {Record<string, unknown>} properties
 */

/**
 * @typedef {object} GraphEdge a relationship of a Subgraph
 * @property {string} id
 * @property {string} type
 * @property {string} source
 * @property {string} target
 * @property {Record<string, unknown>} properties
 */

/**
 * @typedef {object} Subgraph what neighborhood, chainMap and shortestPath return
 * @property {GraphNode[]} nodes
 * @property {GraphEdge[]} edges
 * @property {boolean} truncated
 * @property {{ relationshipType: string, count: number }[]} omitted
 */

/**
 * @typedef {object} Named an entity by id and name
 * @property {string} id
 * @property {string} name
 */

/**
 * @typedef {object} Suggestion a suggested partner, 科技副总 or firm
 * @property {string} id
 * @property {string} name
 * @property {number} score
 * @property {string[]} reasons
 */

export {};
