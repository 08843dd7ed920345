"""My LSTM cell for the take-home."""
import numpy as np



def lstm_cell(x,h_prev,c_prev,W_ih,W_hh,b_ih,b_hh):
  z=np.dot(x,W_ih.T) + np.dot(h_prev,W_hh.T)
  z  +=  b_ih
  z += b_hh
  zi,zf,zg,zo=np.split(z,4,axis=1)

  def sig( t ):
    return 0.5 * (np.tanh(0.5 * t) + 1.0)

  c=sig(zf) * c_prev + sig(zi) * np.tanh(zg)
  h=sig(zo) * np.tanh(c)
  return h,c
