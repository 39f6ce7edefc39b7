package org.rhizome.retrieval.subgraph;

/**
 * Keeps the best {@code k} of a stream of int items under a strict total order, in a binary heap whose root is the
 * worst item kept: O(log k) per offer, O(k) memory, no boxing.
 */
final class TopK {
    /** A strict total order on items: {@code better(a, b)} iff {@code a} ranks before {@code b}. */
    interface Order {
        boolean better(int a, int b);
    }

    private final int[] heap;
    private final Order order;
    private int size;

    TopK(int k, Order order) {
        this.heap = new int[k];
        this.order = order;
    }

    void offer(int item) {
        if (heap.length == 0) {
            return;
        }
        if (size < heap.length) {
            int i = size++;
            heap[i] = item;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!order.better(heap[parent], heap[i])) {
                    break;
                }
                swap(i, parent);
                i = parent;
            }
        } else if (order.better(item, heap[0])) {
            heap[0] = item;
            siftDown(0, size);
        }
    }

    /** The kept items, best first; empties the heap. */
    int[] drainBestFirst() {
        int[] out = new int[size];
        for (int n = size; n > 0; n--) {
            out[n - 1] = heap[0];
            heap[0] = heap[n - 1];
            siftDown(0, n - 1);
        }
        size = 0;
        return out;
    }

    /** Restores the heap below {@code i} (worst at the root) within {@code [0, n)}. */
    private void siftDown(int i, int n) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= n) {
                return;
            }
            int worst = l;
            int r = l + 1;
            if (r < n && order.better(heap[l], heap[r])) {
                worst = r;
            }
            if (!order.better(heap[i], heap[worst])) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int i, int j) {
        int t = heap[i];
        heap[i] = heap[j];
        heap[j] = t;
    }
}
