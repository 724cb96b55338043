// One entry point from cached engine data to a view's root nodes (what the VS Code trees and the tests both use).
import type { ViewKind } from '../views';
import type { ExplorerData } from '../store';
import { buildContainersTree, type ContainerViewOptions } from './containers';
import { buildImagesTree, type ImageViewOptions } from './images';
import { type ExplorerNode, engineErrorNode } from './nodes';
import { buildNetworksTree, buildVolumesTree, type NetworkViewOptions } from './resources';

export type AllViewOptions = ContainerViewOptions & ImageViewOptions & NetworkViewOptions;

/** Root nodes of a view; undefined while its data has not been loaded yet. */
export function buildViewTree(
  view: ViewKind,
  data: ExplorerData,
  o: AllViewOptions = {},
  errorMessage?: string,
): ExplorerNode[] | undefined {
  if (errorMessage) return [engineErrorNode(view, errorMessage)];
  switch (view) {
    case 'containers':
      return data.containers && buildContainersTree(data.containers, o);
    case 'images':
      return data.images && buildImagesTree(data.images, data.containers, o);
    case 'volumes':
      return data.volumes && buildVolumesTree(data.volumes, data.containers, o);
    case 'networks':
      return data.networks && buildNetworksTree(data.networks, o);
  }
}

export type { ExplorerNode } from './nodes';
