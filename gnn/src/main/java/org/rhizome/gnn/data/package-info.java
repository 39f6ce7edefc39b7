/**
 * Link-prediction datasets: entity and relation dictionaries ({@link org.rhizome.gnn.data.IdMap}), triples as
 * parallel int arrays ({@link org.rhizome.gnn.data.TripleSet}), train/valid/test datasets read from benchmark folders
 * or split from a graph snapshot ({@link org.rhizome.gnn.data.KgDataset}), optional reciprocal relations, and the
 * index of known true triples that filtered evaluation leaves out ({@link org.rhizome.gnn.data.FilterIndex}).
 */
package org.rhizome.gnn.data;
